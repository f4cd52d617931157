namespace Platform.Atlassian;

/// <summary>Atlassian could not answer now (5xx, 429, network); the same request may succeed later.</summary>
[GenerateSerializer, Alias("Platform.AtlassianUnavailableException")]
public sealed class AtlassianUnavailableException : Exception
{
    public AtlassianUnavailableException()
    {
    }

    public AtlassianUnavailableException(string message) : base(message)
    {
    }

    public AtlassianUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
