using Platform.Grains.OAuth;

namespace Platform.Api.OAuth;

/// <summary>A client known by its metadata document, or why its document was refused.</summary>
public sealed record ClientMetadataResult(OAuthClientEntry? Client, string? Failure)
{
    public static ClientMetadataResult Failed(string failure) => new(null, failure);
}
