using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Platform.Api.OAuth;
using Platform.Grains;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// The tenant and user an API key or an OAuth access token authenticated, carried as claims on the request's principal.
/// An OAuth caller also carries its client and granted scopes; one granted only read scope may see and call read tools only.
/// </summary>
public sealed record McpCaller(TenantId Tenant, UserId User, string? ClientId = null, IReadOnlyList<string>? Scopes = null)
{
    public const string TenantClaim = "platform:tenant";
    public const string UserClaim = "platform:user";
    public const string CredentialClaim = "platform:credential";
    public const string CredentialIssuerClaim = "platform:credential_issuer";
    public const string ClientIdClaim = "client_id";
    public const string ScopeClaim = "scope";

    /// <summary>What authenticated the call, as the audit records it: <c>oauth:{clientId}</c> or <c>api-key:{keyId}</c>.</summary>
    public string? Credential { get; init; } = ClientId is null ? null : $"oauth:{ClientId}";

    /// <summary>Who issued the caller's API key when it was someone other than the user (an admin, the operator), else null.</summary>
    public string? CredentialIssuer { get; init; }

    /// <summary>True when the caller's grant allows read-only tools only (an OAuth client without the write scope).</summary>
    public bool ReadOnly => Scopes is not null && !OAuthScopes.AllowsWrite(Scopes);

    /// <summary>
    /// The MCP SDK binds a stateful session to this identifier, so it names tenant and user together: a session id
    /// presented by another user, or on another tenant's URL, belongs to someone else and is refused.
    /// </summary>
    public string SessionOwner => GrainKeys.ForUser(Tenant, User);

    public ClaimsPrincipal ToPrincipal(string authenticationType)
    {
        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, SessionOwner),
            new Claim(TenantClaim, Tenant.Value),
            new Claim(UserClaim, User.Value),
        ];
        if (Credential is not null)
        {
            claims.Add(new Claim(CredentialClaim, Credential));
        }

        if (CredentialIssuer is not null)
        {
            claims.Add(new Claim(CredentialIssuerClaim, CredentialIssuer));
        }

        if (ClientId is not null)
        {
            claims.Add(new Claim(ClientIdClaim, ClientId));
            claims.Add(new Claim(ScopeClaim, string.Join(' ', Scopes ?? [])));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    public static bool TryFrom(ClaimsPrincipal? principal, [NotNullWhen(true)] out McpCaller? caller)
    {
        caller = null;
        if (TenantId.TryParse(principal?.FindFirstValue(TenantClaim), out var tenant)
            && UserId.TryParse(principal?.FindFirstValue(UserClaim), out var user))
        {
            var clientId = principal?.FindFirstValue(ClientIdClaim);
            caller = new McpCaller(tenant, user, clientId, clientId is null ? null : (principal?.FindFirstValue(ScopeClaim) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Credential = principal?.FindFirstValue(CredentialClaim),
                CredentialIssuer = principal?.FindFirstValue(CredentialIssuerClaim),
            };
        }

        return caller is not null;
    }
}
