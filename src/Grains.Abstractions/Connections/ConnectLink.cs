namespace Platform.Grains.Connections;

/// <summary>
/// A one-time link that starts consent for one user. It is a capability for 10 minutes, so it never prints itself:
/// Orleans' message tracing and any log line see only the redacted form.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ConnectLink")]
public sealed record ConnectLink([property: Id(0)] Uri Url)
{
    public override string ToString() => "ConnectLink(redacted)";
}
