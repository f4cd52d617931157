using Platform.Grains.Governance;
using static Platform.Governance.Tests.GovernanceStates;

namespace Platform.Governance.Tests;

public sealed class CatalogReconcilerTests
{
    [Theory]
    [InlineData(DefaultToolClassification.RequireApprovalForEveryTool, ToolApproval.PendingReview, ToolApproval.PendingReview)]
    [InlineData(DefaultToolClassification.AutoApproveReadOnly, ToolApproval.Approved, ToolApproval.PendingReview)]
    [InlineData(DefaultToolClassification.AutoApproveAll, ToolApproval.Approved, ToolApproval.Approved)]
    public void New_tools_start_as_the_default_classification_says(DefaultToolClassification classification, ToolApproval read, ToolApproval write)
    {
        var state = new GovernanceState { Classification = classification };

        Assert.True(CatalogReconciler.Reconcile(state, Offered, GrantedScopes));

        var catalog = GovernanceViews.Catalog(state).ToDictionary(t => t.Name);
        Assert.Equal(read, catalog[GetPage.Name].Approval);
        Assert.Equal(write, catalog[CreatePage.Name].Approval);
        Assert.Equal(read == ToolApproval.Approved ? GetPage.DefinitionHash : null, catalog[GetPage.Name].ApprovedDefinitionHash);
    }

    [Fact]
    public void A_changed_definition_sends_an_approved_tool_to_re_review_and_leaves_every_other_decision()
    {
        var state = Discovered();
        var changes = new GovernanceChanges(state);
        changes.DecideTool(GetPage.Name, ToolApproval.Approved);
        changes.DecideTool(CreatePage.Name, ToolApproval.Disabled);

        var changed = CatalogReconciler.Reconcile(state,
            [GetPage with { DefinitionHash = "get-page-2", Title = "Read a page" }, CreatePage with { DefinitionHash = "create-page-2" }, Analytics], GrantedScopes);

        var catalog = GovernanceViews.Catalog(state).ToDictionary(t => t.Name);
        Assert.True(changed);
        Assert.Equal((ToolApproval.PendingReReview, "get-page-2", "get-page-1"), (catalog[GetPage.Name].Approval, catalog[GetPage.Name].DefinitionHash, catalog[GetPage.Name].ApprovedDefinitionHash));
        Assert.Equal("Read a page", catalog[GetPage.Name].Title);
        Assert.False(catalog[GetPage.Name].Callable);
        Assert.Equal(ToolApproval.Disabled, catalog[CreatePage.Name].Approval);
        Assert.Equal(ToolApproval.PendingReview, catalog[Analytics.Name].Approval);
    }

    [Fact]
    public void Withdrawn_tools_leave_the_catalog_and_the_same_release_changes_nothing()
    {
        var state = Discovered();

        var unchanged = CatalogReconciler.Reconcile(state, Offered, GrantedScopes);
        var withdrawn = CatalogReconciler.Reconcile(state, [GetPage], GrantedScopes);

        Assert.False(unchanged);
        Assert.True(withdrawn);
        Assert.Equal([GetPage.Name], GovernanceViews.Catalog(state).Select(t => t.Name));
    }

    [Fact]
    public void Granted_scopes_decide_which_tools_are_available()
    {
        var state = Discovered();
        Assert.Equal([UngrantedScope], GovernanceViews.Catalog(state).Single(t => t.Name == Analytics.Name).MissingScopes);

        Assert.True(CatalogReconciler.Reconcile(state, Offered, [.. GrantedScopes, UngrantedScope]));

        Assert.All(GovernanceViews.Catalog(state), tool => Assert.True(tool.Available));
        Assert.Equal([ReadScope, WriteScope, UngrantedScope], state.GrantedScopes);
    }
}
