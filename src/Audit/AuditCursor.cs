using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Platform.Grains.Identity;

namespace Platform.Audit;

/// <summary>
/// Opaque keyset cursor: the tenant and the last seq returned. Bound to the tenant, so a cursor of one tenant is
/// refused for another instead of silently paging there.
/// </summary>
internal static class AuditCursor
{
    public static string Encode(TenantId tenant, long lastSequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v1|{tenant.Value}|{lastSequence.ToString(CultureInfo.InvariantCulture)}"));

    public static long Decode(string cursor, TenantId tenant)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
        }
        catch (FormatException)
        {
            parts = [];
        }

        return parts is ["v1", var cursorTenant, var sequence]
            && cursorTenant == tenant.Value
            && long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var lastSequence)
            ? lastSequence
            : throw new ArgumentException("The cursor is not a cursor of this tenant's audit log.", nameof(cursor));
    }
}
