namespace Platform.Grains.Connections;

/// <summary>The user has no working Atlassian connection; <see cref="ConnectLink"/> lets them (re)connect.</summary>
[GenerateSerializer, Alias("Platform.ConnectionRequiredException")]
public sealed class ConnectionRequiredException : Exception
{
    public ConnectionRequiredException()
    {
    }

    public ConnectionRequiredException(string message) : base(message)
    {
    }

    public ConnectionRequiredException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ConnectionRequiredException(string message, ConnectLink connectLink) : base(message) => ConnectLink = connectLink;

    [Id(0)]
    public ConnectLink? ConnectLink { get; private set; }
}
