using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using Platform.Grains;
using Platform.Grains.Identity;

namespace Platform.Api.Mcp;

/// <summary>
/// The tenant and user a credential authenticated, and which credential it was (<c>api-key:&lt;id&gt;</c>,
/// <c>oauth:&lt;client&gt;</c>) for the audit log, carried as claims on the request's principal.
/// </summary>
public sealed record McpCaller(TenantId Tenant, UserId User, string? Credential = null)
{
    public const string TenantClaim = "platform:tenant";
    public const string UserClaim = "platform:user";
    public const string CredentialClaim = "platform:credential";

    /// <summary>
    /// The MCP SDK binds a stateful session to this identifier, so it names tenant and user together: a session id
    /// presented by another user, or on another tenant's URL, belongs to someone else and is refused.
    /// </summary>
    public string SessionOwner => GrainKeys.ForUser(Tenant, User);

    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, SessionOwner),
            new Claim(TenantClaim, Tenant.Value),
            new Claim(UserClaim, User.Value),
            .. Credential is null ? Array.Empty<Claim>() : [new Claim(CredentialClaim, Credential)],
        ],
        authenticationType));

    public static bool TryFrom(ClaimsPrincipal? principal, [NotNullWhen(true)] out McpCaller? caller)
    {
        caller = null;
        if (TenantId.TryParse(principal?.FindFirstValue(TenantClaim), out var tenant)
            && UserId.TryParse(principal?.FindFirstValue(UserClaim), out var user))
        {
            caller = new McpCaller(tenant, user, principal!.FindFirstValue(CredentialClaim));
        }

        return caller is not null;
    }
}
