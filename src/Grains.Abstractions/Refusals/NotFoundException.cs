namespace Platform.Grains.Refusals;

/// <summary>What the request names does not exist (a tenant, user, tool, toolset, group, profile or key).</summary>
[GenerateSerializer, Alias("Platform.NotFoundException")]
public sealed class NotFoundException : RequestRefusedException
{
    public NotFoundException(string message) : base(message)
    {
    }
}
