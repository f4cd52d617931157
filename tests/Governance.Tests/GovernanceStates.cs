using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Governance.Tests;

/// <summary>Governance states as the grain holds them after discovery, built with the same logic, without a cluster.</summary>
internal static class GovernanceStates
{
    public const string ReadScope = "read:page:confluence";
    public const string WriteScope = "write:page:confluence";
    public const string UngrantedScope = "read:analytics.content:confluence";

    public static readonly IReadOnlyList<string> GrantedScopes = [ReadScope, WriteScope];

    public static readonly ToolDescriptor GetPage = new("get_page", "Get page", true, [ReadScope], "get-page-1");
    public static readonly ToolDescriptor CreatePage = new("create_page", "Create page", false, [WriteScope], "create-page-1");
    public static readonly ToolDescriptor Analytics = new("get_page_analytics", "Page analytics", true, [ReadScope, UngrantedScope], "analytics-1");

    public static readonly IReadOnlyList<ToolDescriptor> Offered = [GetPage, CreatePage, Analytics];

    /// <summary>An active tenant whose catalog holds <paramref name="tools"/>, as discovery leaves it under the default classification.</summary>
    public static GovernanceState Discovered(IReadOnlyList<ToolDescriptor>? tools = null)
    {
        var state = new GovernanceState { TenantAccess = TenantAccess.Active };
        CatalogReconciler.Reconcile(state, tools ?? Offered, GrantedScopes);
        return state;
    }

    public static UserId AddUser(GovernanceState state, string id = "alice", bool enabled = true)
    {
        var user = UserId.Parse(id);
        new GovernanceChanges(state).CreateUser(new DirectoryUser(user, null, $"{id}@example.com", enabled, DirectoryRole.Member));
        return user;
    }
}
