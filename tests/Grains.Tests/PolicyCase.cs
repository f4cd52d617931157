using Platform.Grains.Governance;

namespace Platform.Grains.Tests;

/// <summary>How a toolset relates to the tool under test.</summary>
public enum ToolsetMembership
{
    /// <summary>A custom toolset that does not contain the tool.</summary>
    NotInToolset,

    /// <summary>A custom toolset containing the tool.</summary>
    InCustomToolset,

    /// <summary>The built-in "all approved" toolset.</summary>
    AllApprovedToolset,
}

/// <summary>How an access profile reaches the user.</summary>
public enum ProfileBinding
{
    NotBound,
    BoundToUser,
    BoundToUsersGroup,
}

/// <summary>
/// One cell of the governance matrix, as plain data so another test layer (the MCP client tests) can replay it:
/// the tool is callable exactly when it is approved, in a toolset, bound to the user, and the user is enabled.
/// </summary>
public sealed record PolicyCase(ToolApproval Approval, ToolsetMembership Membership, ProfileBinding Binding, bool UserEnabled)
{
    public bool ExpectCallable =>
        Approval == ToolApproval.Approved && Membership != ToolsetMembership.NotInToolset && Binding != ProfileBinding.NotBound && UserEnabled;

    public override string ToString() => $"{Approval}/{Membership}/{Binding}/{(UserEnabled ? "enabled" : "disabled")}";
}
