namespace Platform.Grains.OAuth;

/// <summary>OpenIddict's status and type values, as they are stored (the grains do not reference OpenIddict).</summary>
internal static class OAuthStatuses
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Redeemed = "redeemed";
    public const string Inactive = "inactive";
    public const string AdHoc = "ad-hoc";
}
