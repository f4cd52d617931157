namespace Platform.Grains.OAuth;

/// <summary>
/// Which OAuth clients a tenant accepts: by how they registered, then by id. A blocked id is refused whatever else says;
/// a non-empty allow list admits only the ids it names.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.OAuthClientPolicy")]
public sealed record OAuthClientPolicy(
    [property: Id(0)] bool AcceptMetadataDocuments,
    [property: Id(1)] bool AcceptDynamicRegistration,
    [property: Id(2)] bool AcceptPreRegistered,
    [property: Id(3)] IReadOnlyList<string> AllowedClientIds,
    [property: Id(4)] IReadOnlyList<string> BlockedClientIds)
{
    /// <summary>What a new tenant starts with: every registration method, no lists.</summary>
    public static OAuthClientPolicy Default { get; } = new(true, true, true, [], []);

    /// <summary>Why the client may not be used, or null when it may.</summary>
    public string? Refusal(string clientId, ClientRegistration registration)
    {
        if (BlockedClientIds.Contains(clientId, StringComparer.Ordinal))
        {
            return "This organisation has blocked this client.";
        }

        if (AllowedClientIds.Count > 0 && !AllowedClientIds.Contains(clientId, StringComparer.Ordinal))
        {
            return "This organisation admits only the clients on its allow list.";
        }

        var accepted = registration switch
        {
            ClientRegistration.MetadataDocument => AcceptMetadataDocuments,
            ClientRegistration.Dynamic => AcceptDynamicRegistration,
            _ => AcceptPreRegistered,
        };
        return accepted ? null : registration switch
        {
            ClientRegistration.MetadataDocument => "This organisation does not accept clients identified by a metadata document URL.",
            ClientRegistration.Dynamic => "This organisation does not accept dynamically registered clients.",
            _ => "This organisation does not accept pre-registered clients.",
        };
    }
}
