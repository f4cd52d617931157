namespace Platform.Grains.OAuth;

/// <summary>How an OAuth client became known to a tenant's authorization server.</summary>
[GenerateSerializer, Alias("Platform.ClientRegistration")]
public enum ClientRegistration
{
    /// <summary>A tenant admin registered it.</summary>
    PreRegistered = 0,

    /// <summary>It registered itself through RFC 7591 dynamic client registration.</summary>
    Dynamic = 1,

    /// <summary>Its client id is an https URL whose Client ID Metadata Document describes it.</summary>
    MetadataDocument = 2,
}
