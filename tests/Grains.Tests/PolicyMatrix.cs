using Platform.Grains.Governance;

namespace Platform.Grains.Tests;

/// <summary>
/// Every approval state (Disabled is the tool kill switch) × toolset membership × profile binding × user kill switch.
/// Public and data-only so the MCP-level tests can replay the same cells through a real client.
/// </summary>
public static class PolicyMatrix
{
    public static TheoryData<PolicyCase> Cases
    {
        get
        {
            var cases = new TheoryData<PolicyCase>();
            foreach (var approval in Enum.GetValues<ToolApproval>())
            {
                foreach (var membership in Enum.GetValues<ToolsetMembership>())
                {
                    foreach (var binding in Enum.GetValues<ProfileBinding>())
                    {
                        cases.Add(new PolicyCase(approval, membership, binding, UserEnabled: true));
                        cases.Add(new PolicyCase(approval, membership, binding, UserEnabled: false));
                    }
                }
            }

            return cases;
        }
    }

    /// <summary>
    /// Builds the case through <paramref name="governance"/> for <paramref name="user"/> (already in the directory) and
    /// <paramref name="tool"/> (already discovered); <paramref name="redefineTool"/> changes the tool's definition and
    /// re-runs discovery, which is how a tool reaches <see cref="ToolApproval.PendingReReview"/>.
    /// </summary>
    public static Task ArrangeAsync(
        ITenantGovernanceGrain governance, PolicyCase cell, Grains.Identity.UserId user, string tool, Func<Task> redefineTool) =>
        ArrangeAsync(new GrainPolicyArrangement(governance), cell, user, tool, redefineTool);

    /// <inheritdoc cref="ArrangeAsync(ITenantGovernanceGrain, PolicyCase, Grains.Identity.UserId, string, Func{Task})"/>
    public static async Task ArrangeAsync(
        IPolicyArrangement governance, PolicyCase cell, Grains.Identity.UserId user, string tool, Func<Task> redefineTool)
    {
        switch (cell.Approval)
        {
            case ToolApproval.PendingReview:
                break;
            case ToolApproval.PendingReReview:
                await governance.DecideToolAsync(tool, ToolApproval.Approved);
                await redefineTool();
                break;
            default:
                await governance.DecideToolAsync(tool, cell.Approval);
                break;
        }

        var toolset = cell.Membership == ToolsetMembership.AllApprovedToolset ? Toolset.AllApproved : "matrix";
        if (cell.Membership != ToolsetMembership.AllApprovedToolset)
        {
            var otherTool = (await governance.GetCatalogAsync()).First(t => t.Name != tool).Name;
            await governance.CreateToolsetAsync(toolset, cell.Membership == ToolsetMembership.InCustomToolset ? [tool] : [otherTool]);
        }

        await governance.CreateGroupAsync(new DirectoryGroup("matrix-group", [user.Value]));
        await governance.CreateAccessProfileAsync(cell.Binding switch
        {
            ProfileBinding.BoundToUser => new AccessProfile("matrix-profile", [toolset], [user.Value], []),
            ProfileBinding.BoundToUsersGroup => new AccessProfile("matrix-profile", [toolset], [], ["matrix-group"]),
            _ => new AccessProfile("matrix-profile", [toolset], [], []),
        });

        if (!cell.UserEnabled)
        {
            await governance.DisableUserAsync(user);
        }
    }
}
