using System.Diagnostics.CodeAnalysis;
using Platform.Grains.Identity;

namespace Platform.Grains.SignIn;

/// <summary>
/// The OAuth <c>state</c> of a sign-in with Atlassian: <c>~signin.{tenant}.{nonce}</c>. It shares Atlassian's one callback
/// URL with connect links; the leading '~' can never start a tenant id, so the two never mix. The nonce is checked
/// against the browser's protected sign-in cookie.
/// </summary>
public static class SignInState
{
    private const string Prefix = "~signin";

    public static string Format(TenantId tenant, string nonce) => $"{Prefix}.{tenant.Value}.{nonce}";

    public static bool TryParse(string? state, out TenantId tenant, [NotNullWhen(true)] out string? nonce)
    {
        tenant = default;
        nonce = null;
        if (state?.Split('.') is not [Prefix, var tenantPart, var noncePart] || noncePart.Length is < 16 or > 128
            || !TenantId.TryParse(tenantPart, out tenant))
        {
            return false;
        }

        nonce = noncePart;
        return true;
    }
}
