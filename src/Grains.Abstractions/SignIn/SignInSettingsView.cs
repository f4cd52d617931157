namespace Platform.Grains.SignIn;

/// <summary>The sign-in settings as admins may see them: the OIDC client secret only as a fingerprint.</summary>
[GenerateSerializer, Immutable, Alias("Platform.SignInSettingsView")]
public sealed record SignInSettingsView(
    [property: Id(0)] SignInSettings Settings,
    [property: Id(1)] string? OidcClientSecretFingerprint,
    [property: Id(2)] DateTimeOffset? OidcClientSecretSetAt);
