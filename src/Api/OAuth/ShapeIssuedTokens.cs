using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Api.OAuth;

/// <summary>
/// Access tokens are short-lived JWTs checked on the Api tier without any lookup, so they get no stored entry (their
/// grant is what revocation acts on). Authorization codes are self-contained and encrypted instead of reference tokens:
/// their id names the user, so redeeming one is a hop to that user's grain and needs no index of random reference ids.
/// </summary>
public sealed class ShapeIssuedTokens : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
        .UseSingletonHandler<ShapeIssuedTokens>()
        .SetOrder(int.MinValue + 10_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.AccessToken)
        {
            context.CreateTokenEntry = false;
        }
        else if (context.TokenType == TokenTypeIdentifiers.Private.AuthorizationCode)
        {
            context.IsReferenceToken = false;
            context.PersistTokenPayload = false;
        }

        return default;
    }
}
