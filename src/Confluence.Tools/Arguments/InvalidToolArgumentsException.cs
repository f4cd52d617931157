namespace Platform.Confluence.Tools;

/// <summary>Arguments that do not fit the tool's schema; the message says exactly what is wrong.</summary>
internal sealed class InvalidToolArgumentsException(string message) : Exception(message);
