using Platform.Grains.Connections;

namespace Platform.Api.WebConsole.Model;

/// <summary>How the console names a person's Atlassian connection.</summary>
public static class ConnectionStates
{
    public static string Label(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Connected => "Connected",
        ConnectionStatus.NeedsReconnect => "Must reconnect",
        ConnectionStatus.Disconnected => "Disconnected",
        _ => "Never connected",
    };

    public static string Kind(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Connected => "ok",
        ConnectionStatus.NeedsReconnect => "warn",
        _ => "neutral",
    };
}
