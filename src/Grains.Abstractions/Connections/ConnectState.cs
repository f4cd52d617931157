using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Platform.Grains.Identity;

namespace Platform.Grains.Connections;

/// <summary>
/// The OAuth <c>state</c> of a connect flow: <c>{tenant}.{base64url(user)}.{nonce}</c>. Tenant and user route the callback
/// to the right grain; the unguessable nonce, stored hashed in that grain, is what makes it valid, single-use and expiring.
/// </summary>
public static class ConnectState
{
    public static string Format(TenantId tenant, UserId user, string nonce) =>
        $"{tenant.Value}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(user.Value))}.{nonce}";

    public static bool TryParse(string? state, out TenantId tenant, out UserId user, [NotNullWhen(true)] out string? nonce)
    {
        tenant = default;
        user = default;
        nonce = null;
        var parts = state?.Split('.');
        if (parts is not [var tenantPart, var userPart, var noncePart] || noncePart.Length is < 16 or > 128
            || !TenantId.TryParse(tenantPart, out tenant))
        {
            return false;
        }

        try
        {
            if (!UserId.TryParseStored(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(userPart)), out user))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        nonce = noncePart;
        return true;
    }
}
