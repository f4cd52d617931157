using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Api.Admin;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.SignIn;
using Platform.Grains.Tenants;

namespace Platform.Api.WebConsole.Access;

/// <summary>
/// Signing in to the console with a key: the operator key, or the API key of an enabled admin of a tenant that cannot
/// sign its people in yet (active, with its sign-in method configured, people use that instead). The session is a
/// protected cookie that names the key, never holds it: every request checks again that the operator key is unchanged,
/// or that the admin's key is unrevoked and unexpired and its user still an enabled admin.
/// </summary>
public sealed class ConsoleSession(IGrainFactory grains, IOptionsMonitor<OperatorOptions> operatorOptions, TimeProvider time)
{
    public const string Scheme = "PlatformConsole";
    private const string RoleClaim = "console:role";
    private const string OperatorKeyClaim = "console:operator-key";
    private const string TenantClaim = "console:tenant";
    private const string UserClaim = "console:user";
    private const string KeyClaim = "console:key";

    /// <summary>Signs in with <paramref name="key"/>; null when signed in, else why not (the same words for every wrong key).</summary>
    public async Task<string?> SignInAsync(HttpContext http, string? key, string? tenant)
    {
        ArgumentNullException.ThrowIfNull(http);
        key = key?.Trim() ?? "";
        if (OperatorAuthentication.IsOperator(http, key))
        {
            await SignInAsync(http, [new(RoleClaim, "operator"), new(OperatorKeyClaim, Fingerprint(key)), new(ClaimTypes.Name, "Operator")]);
            return null;
        }

        const string Refused = "That key is not the operator key nor the API key of an admin of that organisation.";
        if (!ApiKeyToken.TryParse(key, out var keyId))
        {
            return Refused;
        }

        if (!TenantId.TryParse(tenant?.Trim(), out var id))
        {
            return "Enter your organisation's id with an admin API key.";
        }

        // As on the admin API: only a key issued with the admin scope opens the console's admin pages.
        if (await grains.GetApiKeyVerifierGrain(id).VerifyAsync(keyId, ApiKeyToken.Hash(key)) is not { } identity || !identity.Opens(ApiKeyScopes.Admin)
            || await AdminAsync(id, identity.User) is null || await grains.GetTenantGrain(id).GetAsync() is not { Status: not TenantStatus.Deleted })
        {
            return Refused;
        }

        if (await SignInMethodReadyAsync(id))
        {
            return "This organisation signs its people in with its own sign-in method: use \"Sign in to your organisation\".";
        }

        await SignInAsync(http,
        [
            new(RoleClaim, "tenant-admin"), new(TenantClaim, id.Value), new(UserClaim, identity.User.Value), new(KeyClaim, keyId), new(ClaimTypes.Name, identity.User.Value),
        ]);
        return null;
    }

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(Scheme);

    /// <summary>The caller a console cookie names, if it still holds (see the class summary).</summary>
    public async Task<ConsoleCaller?> CallerAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        switch (principal.FindFirstValue(RoleClaim))
        {
            case "operator":
                return OperatorKey is { Length: > 0 } configured && principal.FindFirstValue(OperatorKeyClaim) == Fingerprint(configured)
                    ? ConsoleCaller.Operator
                    : null;
            case "tenant-admin" when TenantId.TryParse(principal.FindFirstValue(TenantClaim), out var tenant)
                && UserId.TryParse(principal.FindFirstValue(UserClaim), out var user)
                && principal.FindFirstValue(KeyClaim) is { } keyId && ApiKeyToken.IsKeyId(keyId):
                var key = await grains.GetApiKeyGrain(tenant, keyId).GetAsync();
                return key is not null && key.User == user && key.Scopes.Contains(ApiKeyScopes.Admin) && key.RevokedAt is null && (key.ExpiresAt is not { } expires || expires > time.GetUtcNow())
                    && await AdminAsync(tenant, user) is not null
                    ? new ConsoleCaller(ConsoleRole.TenantAdmin, tenant, user, user.Value, ApiKeyToken.PrefixOf(keyId))
                    : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the tenant's people can sign in with its own method now: it is active and the method has what it needs
    /// (Atlassian: the integration's client secret; OpenID Connect: the provider and its client secret).
    /// </summary>
    public async Task<bool> SignInMethodReadyAsync(TenantId tenant)
    {
        if (await grains.GetTenantGrain(tenant).GetAsync() is not { Status: TenantStatus.Active })
        {
            return false;
        }

        var signIn = await grains.GetTenantSignInGrain(tenant).GetSettingsAsync();
        return signIn.Settings.Method == SignInMethod.OpenIdConnect
            ? signIn.Settings.Oidc is not null && signIn.OidcClientSecretFingerprint is not null
            : await grains.GetTenantGrain(tenant).GetIntegrationAsync() is { ClientSecretFingerprint: not null, Settings.Mode: not CredentialMode.SharedApiToken };
    }

    private async Task<DirectoryUser?> AdminAsync(TenantId tenant, UserId user) =>
        await grains.GetTenantGovernanceGrain(tenant).GetUserAsync(user) is { Enabled: true, Role: DirectoryRole.Admin } admin ? admin : null;

    private string? OperatorKey => operatorOptions.CurrentValue.OperatorKey;

    private static Task SignInAsync(HttpContext http, Claim[] claims) =>
        http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)));

    private static string Fingerprint(string key) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
