namespace Platform.Grains.Confluence;

/// <summary>Whose identity a call uses, which decides who must act when Confluence stops accepting it.</summary>
public enum CredentialKind
{
    /// <summary>The user's own OAuth token: the user reconnects.</summary>
    UserOAuth,

    /// <summary>The tenant's shared OAuth connection: an admin reconnects it.</summary>
    SharedOAuth,

    /// <summary>The tenant's service account (Basic, API token): an admin replaces the token.</summary>
    ServiceAccount,
}
