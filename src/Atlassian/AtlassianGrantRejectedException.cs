namespace Platform.Atlassian;

/// <summary>Atlassian refused the grant (invalid_grant, unauthorized_client, access_denied): only a new consent helps.</summary>
[GenerateSerializer, Alias("Platform.AtlassianGrantRejectedException")]
public sealed class AtlassianGrantRejectedException : Exception
{
    public AtlassianGrantRejectedException()
    {
    }

    public AtlassianGrantRejectedException(string message) : base(message)
    {
    }

    public AtlassianGrantRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
