using Platform.Confluence.Tools;
using Platform.Grains.Governance;

namespace Platform.Api.WebConsole.Model;

/// <summary>How the console names a tool's review state and class.</summary>
public static class ToolStates
{
    public static string Label(ToolApproval approval) => approval switch
    {
        ToolApproval.PendingReview => "Pending review",
        ToolApproval.PendingReReview => "Pending re-review",
        _ => approval.ToString(),
    };

    public static string Kind(ToolApproval approval) => approval switch
    {
        ToolApproval.Approved => "ok",
        ToolApproval.PendingReview or ToolApproval.PendingReReview => "warn",
        _ => "bad",
    };

    /// <summary>read, write or destructive, as this release's definition says.</summary>
    public static string Class(CatalogTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return ToolCatalog.Default.Tools.FirstOrDefault(known => known.Definition.Name == tool.Name)?.Definition.Access switch
        {
            ToolAccess.Destructive => "destructive",
            ToolAccess.Read => "read",
            null when tool.ReadOnly => "read",
            _ => "write",
        };
    }
}
