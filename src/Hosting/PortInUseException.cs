namespace Platform.Hosting;

/// <summary>A port this process must listen on is taken; the message says which and how to choose another.</summary>
public sealed class PortInUseException(string message) : Exception(message);
