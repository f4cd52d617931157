using Platform.Grains.Tenants;

namespace Platform.Grains.SignIn;

/// <summary>Persisted state of <see cref="TenantSignInGrain"/>. Stored as plain JSON: property names are the contract.</summary>
[GenerateSerializer, Alias("Platform.TenantSignInState")]
public sealed class TenantSignInState
{
    [Id(0)]
    public SignInSettings Settings { get; set; } = SignInSettings.Default;

    /// <summary>Sealed with the key ring; context <c>{tenant}:oidc_client_secret</c>.</summary>
    [Id(1)]
    public SealedSecret? OidcClientSecret { get; set; }
}
