namespace Platform.Grains.Connections;

/// <summary>
/// A pending connect link as the gateway's page shows it before the person goes on to Atlassian: where consent
/// happens (Atlassian's authorize URL, carrying the link's one-time state) and until when the link is valid. A
/// capability like the link itself, so it never prints the URL.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ConnectLinkDetails")]
public sealed record ConnectLinkDetails([property: Id(0)] Uri AuthorizeUrl, [property: Id(1)] DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"ConnectLinkDetails(redacted, expires {ExpiresAt:O})";
}
