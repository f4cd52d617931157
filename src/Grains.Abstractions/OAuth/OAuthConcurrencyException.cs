namespace Platform.Grains.OAuth;

/// <summary>A save carried a stale concurrency token: someone else changed the entry first (for example redeemed the code).</summary>
[GenerateSerializer, Alias("Platform.OAuthConcurrencyException")]
public sealed class OAuthConcurrencyException : Exception
{
    public OAuthConcurrencyException()
    {
    }

    public OAuthConcurrencyException(string message) : base(message)
    {
    }

    public OAuthConcurrencyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
