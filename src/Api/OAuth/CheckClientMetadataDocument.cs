using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Platform.Api.OAuth;

/// <summary>
/// A client id that is a URL is only as good as its metadata document: fetched here (or from the cache) before OpenIddict
/// looks the client up, so a refusal says exactly what was wrong with the document rather than "unknown client".
/// </summary>
public sealed class CheckClientMetadataDocument(ClientMetadataDocuments documents) :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseScopedHandler<CheckClientMetadataDocument>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateAuthentication.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseScopedHandler<CheckClientMetadataDocument>()
        .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (await FailureAsync(context.ClientId, context.CancellationToken) is { } failure)
        {
            context.Reject(Errors.InvalidClient, failure);
        }
    }

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (await FailureAsync(context.ClientId, context.CancellationToken) is { } failure)
        {
            context.Reject(Errors.InvalidClient, failure);
        }
    }

    private async Task<string?> FailureAsync(string? clientId, CancellationToken cancellationToken) =>
        ClientMetadataDocuments.IsDocumentUrl(clientId) ? (await documents.GetAsync(clientId!, cancellationToken)).Failure : null;
}
