namespace Platform.Grains.Connections;

/// <summary>Whose identity a tenant's Confluence calls run under.</summary>
[GenerateSerializer, Alias("Platform.CredentialMode")]
public enum CredentialMode
{
    /// <summary>Each user connects their own Atlassian account (OAuth 2.0 3LO).</summary>
    PerUserOAuth = 0,

    /// <summary>A service account's email and API token over Basic auth against the site.</summary>
    SharedApiToken = 1,

    /// <summary>One OAuth connection, made by an admin, used for everyone (each call still attributed to its user).</summary>
    SharedOAuth = 2,
}
