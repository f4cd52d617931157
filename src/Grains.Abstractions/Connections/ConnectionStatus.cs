namespace Platform.Grains.Connections;

[GenerateSerializer, Alias("Platform.ConnectionStatus")]
public enum ConnectionStatus
{
    Never = 0,
    Connected = 1,

    /// <summary>Atlassian refused the grant, or the tenant changed its scopes: the user must consent again.</summary>
    NeedsReconnect = 2,

    /// <summary>The user or an admin disconnected; the tokens were deleted.</summary>
    Disconnected = 3,
}
