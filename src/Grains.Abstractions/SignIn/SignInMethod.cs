namespace Platform.Grains.SignIn;

/// <summary>How a tenant's people prove who they are before an AI client is authorized.</summary>
[GenerateSerializer, Alias("Platform.SignInMethod")]
public enum SignInMethod
{
    /// <summary>The tenant's own Atlassian OAuth app; for per-user OAuth tenants the same consent connects Confluence.</summary>
    Atlassian = 0,

    /// <summary>The tenant's OpenID Connect identity provider (Okta, Entra ID, Google, Keycloak…).</summary>
    OpenIdConnect = 1,
}
