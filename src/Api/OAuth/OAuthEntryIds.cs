using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;

namespace Platform.Api.OAuth;

/// <summary>
/// Ids of authorizations and tokens: <c>{base64url(user)}.{random}</c>. The user part routes a lookup by id straight to
/// that user's grants grain; the random part makes the id unguessable.
/// </summary>
public static class OAuthEntryIds
{
    public static string New(UserId user) =>
        $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(user.Value))}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18))}";

    public static bool TryParseUser(string? id, out UserId user)
    {
        user = default;
        var dot = id?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0)
        {
            return false;
        }

        try
        {
            return UserId.TryParse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(id.AsSpan(0, dot))), out user);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The grants grain of the user an authorization or token id names.</summary>
    public static IOAuthGrantsGrain GrantsOf(this IGrainFactory grains, TenantId tenant, string id) =>
        TryParseUser(id, out var user)
            ? grains.GetOAuthGrantsGrain(tenant, user)
            : throw new InvalidOperationException($"'{id}' is not an authorization or token id of this server.");
}
