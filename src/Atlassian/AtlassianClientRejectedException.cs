namespace Platform.Atlassian;

/// <summary>
/// Atlassian refused the tenant's app credentials (wrong or missing client secret): an admin must fix the app, and the
/// users' grants are untouched, so nobody's tokens may be discarded for it.
/// </summary>
[GenerateSerializer, Alias("Platform.AtlassianClientRejectedException")]
public sealed class AtlassianClientRejectedException : Exception
{
    public AtlassianClientRejectedException()
    {
    }

    public AtlassianClientRejectedException(string message) : base(message)
    {
    }

    public AtlassianClientRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
