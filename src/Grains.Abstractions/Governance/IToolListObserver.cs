using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

/// <summary>
/// An Api process holding live MCP sessions of a user: told when the user's callable tools change so it can send
/// <c>notifications/tools/list_changed</c> to those sessions.
/// </summary>
[Alias("Platform.IToolListObserver")]
public interface IToolListObserver : IGrainObserver
{
    [Alias("ToolListChanged")]
    void ToolListChanged(TenantId tenant, UserId user);
}
