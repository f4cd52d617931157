using System.Text.Json.Nodes;
using Platform.Grains.ApiKeys;
using Platform.Grains.Governance;
using Platform.Grains.Refusals;
using Platform.Grains.Tenants;

namespace Platform.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GovernanceTests(ClusterFixture fixture)
{
    private readonly GovernanceScenarios scenarios = new(fixture);

    [Fact]
    public async Task A_changed_definition_returns_an_approved_tool_to_re_review_and_off_every_list_until_approved_again()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        var tool = fixture.Tools.Define(TestToolSource.UniqueName(), readOnly: true, "v1").Name;
        await governance.DiscoverToolsAsync();
        await governance.DecideToolAsync(tool, ToolApproval.Approved);
        await governance.DecideToolAsync(TestToolSource.CreatePage, ToolApproval.Rejected);
        await governance.DecideToolAsync(TestToolSource.DeletePage, ToolApproval.Disabled);
        var user = await GovernanceScenarios.MemberAsync(governance);
        await governance.CreateAccessProfileAsync(new AccessProfile("everyone", [Toolset.AllApproved], [user.Value], []));
        Assert.Equal("v1", (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools[tool]);

        fixture.Tools.Define(tool, readOnly: true, "v2");
        var catalog = (await governance.DiscoverToolsAsync()).After!.ToDictionary(t => t.Name);

        Assert.Equal(ToolApproval.PendingReReview, catalog[tool].Approval);
        Assert.Equal(("v2", "v1"), (catalog[tool].DefinitionHash, catalog[tool].ApprovedDefinitionHash));
        Assert.False(catalog[tool].Callable);
        Assert.Equal(ToolApproval.Rejected, catalog[TestToolSource.CreatePage].Approval);
        Assert.Equal(ToolApproval.Disabled, catalog[TestToolSource.DeletePage].Approval);
        Assert.Equal(ToolApproval.PendingReview, catalog[TestToolSource.GetPage].Approval);
        Assert.DoesNotContain(tool, (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools.Keys);

        await governance.DecideToolAsync(tool, ToolApproval.Approved);
        Assert.Equal("v2", (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools[tool]);
    }

    [Fact]
    public async Task A_re_review_shows_the_approved_definition_which_the_tenant_stores_only_as_its_hash()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        var (first, second) = ($"{{\"description\":\"first {Guid.NewGuid():N}\"}}", $"{{\"description\":\"second {Guid.NewGuid():N}\"}}");
        var tool = fixture.Tools.Define(TestToolSource.UniqueName(), readOnly: true, $"v1-{Guid.NewGuid():N}", first).Name;
        await governance.DiscoverToolsAsync();
        await governance.DecideToolAsync(tool, ToolApproval.Approved);
        fixture.Tools.Define(tool, readOnly: true, $"v2-{Guid.NewGuid():N}", second);
        await governance.DiscoverToolsAsync();

        var review = await governance.GetToolReviewAsync(tool);

        Assert.Equal(ToolApproval.PendingReReview, review.Tool.Approval);
        Assert.Equal((first, second), (review.ApprovedDefinition, review.CurrentDefinition));
        // Every tenant approves the same catalog texts: the archive keeps each once, the tenant only its hash.
        var stored = fixture.Storage.StoredJson("governance", governance.GetGrainId());
        Assert.Contains(review.Tool.ApprovedDefinitionHash!, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("first", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_stored_before_the_archive_still_shows_the_text_its_approval_covered()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        var legacy = $"{{\"description\":\"kept by the tenant {Guid.NewGuid():N}\"}}";
        var tool = fixture.Tools.Define(TestToolSource.UniqueName(), readOnly: true, $"v1-{Guid.NewGuid():N}").Name;
        await governance.DiscoverToolsAsync();
        await governance.DecideToolAsync(tool, ToolApproval.Approved);
        await fixture.Cluster.DeactivateAsync(governance);
        fixture.Storage.Rewrite("governance", governance.GetGrainId(), json =>
        {
            var stored = JsonNode.Parse(json)!;
            stored["tools"]![tool]!["approvedDefinition"] = legacy;
            return stored.ToJsonString();
        });
        fixture.Tools.Define(tool, readOnly: true, $"v2-{Guid.NewGuid():N}");
        await governance.DiscoverToolsAsync();

        Assert.Equal(legacy, (await governance.GetToolReviewAsync(tool)).ApprovedDefinition);
    }

    [Theory]
    [InlineData(DefaultToolClassification.RequireApprovalForEveryTool, false, false)]
    [InlineData(DefaultToolClassification.AutoApproveReadOnly, true, false)]
    [InlineData(DefaultToolClassification.AutoApproveAll, true, true)]
    public async Task Discovery_classifies_new_tools_as_the_tenant_default_says(DefaultToolClassification classification, bool readApproved, bool writeApproved)
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        await governance.SetDefaultClassificationAsync(classification);
        var readTool = fixture.Tools.Define(TestToolSource.UniqueName(), readOnly: true, "r").Name;
        var writeTool = fixture.Tools.Define(TestToolSource.UniqueName(), readOnly: false, "w").Name;

        var catalog = (await governance.DiscoverToolsAsync()).After!.ToDictionary(t => t.Name);

        Assert.Equal(readApproved ? ToolApproval.Approved : ToolApproval.PendingReview, catalog[readTool].Approval);
        Assert.Equal(writeApproved ? ToolApproval.Approved : ToolApproval.PendingReview, catalog[writeTool].Approval);
    }

    [Fact]
    public async Task A_tool_whose_scopes_the_integration_lacks_is_listed_unavailable_and_never_granted()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        var user = await GovernanceScenarios.MemberAsync(governance);
        await governance.DecideToolAsync(TestToolSource.ReadAnalytics, ToolApproval.Approved);
        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Approved);
        await governance.CreateAccessProfileAsync(new AccessProfile("readers", [Toolset.ReadOnlyApproved], [user.Value], []));

        var analytics = (await governance.GetCatalogAsync()).Single(t => t.Name == TestToolSource.ReadAnalytics);
        var toolsets = (await governance.GetToolsetsAsync()).ToDictionary(t => t.Name);

        Assert.False(analytics.Available);
        Assert.Equal([TestToolSource.UngrantedScope], analytics.MissingScopes);
        Assert.Equal([TestToolSource.GetPage], (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools.Keys);
        Assert.Equal([TestToolSource.GetPage], toolsets[Toolset.ReadOnlyApproved].Tools);
        Assert.True(toolsets[Toolset.AllApproved].BuiltIn);
    }

    [Fact]
    public async Task The_tenant_lifecycle_reaches_every_user_grain_and_a_deleted_tenant_keeps_its_id()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        var tenantGrain = fixture.Grains.GetTenantGrain(tenant);
        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Approved);
        var user = await GovernanceScenarios.MemberAsync(governance);
        await governance.CreateAccessProfileAsync(new AccessProfile("all", [Toolset.AllApproved], [user.Value], []));
        Assert.Null((await scenarios.PolicyHeldByAsync(tenant, user)).DenialReason(user));

        await tenantGrain.SuspendAsync();
        var suspended = await scenarios.PolicyHeldByAsync(tenant, user);
        Assert.Equal(TenantAccess.Suspended, suspended.TenantAccess);
        Assert.Empty(suspended.AllowedTools);
        await Assert.ThrowsAsync<ConflictException>(() => tenantGrain.ActivateAsync());

        await tenantGrain.ResumeAsync();
        Assert.Equal([TestToolSource.GetPage], (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools.Keys);

        Assert.Equal(TenantStatus.Deleted, (await tenantGrain.DeleteAsync()).After!.Status);
        Assert.Equal(TenantAccess.Deleted, (await scenarios.PolicyHeldByAsync(tenant, user)).TenantAccess);
        await Assert.ThrowsAsync<TenantAlreadyExistsException>(() => tenantGrain.CreateAsync("Again"));
        await Assert.ThrowsAsync<NotFoundException>(() => tenantGrain.ResumeAsync());
    }

    [Fact]
    public async Task A_tenant_not_yet_activated_grants_nothing()
    {
        var tenant = UniqueIds.Tenant();
        await fixture.Grains.GetTenantGrain(tenant).CreateAsync("Not activated");
        var governance = fixture.Grains.GetTenantGovernanceGrain(tenant);
        var user = await GovernanceScenarios.MemberAsync(governance);

        var policy = await scenarios.PolicyHeldByAsync(tenant, user);

        Assert.Equal(TenantAccess.NotActivated, policy.TenantAccess);
        Assert.NotNull(policy.DenialReason(user));
    }

    [Fact]
    public async Task Duplicates_unknown_names_and_bound_sets_are_refused_and_change_nothing()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        var user = await GovernanceScenarios.MemberAsync(governance);
        await governance.CreateToolsetAsync("writers", [TestToolSource.CreatePage]);
        await governance.CreateAccessProfileAsync(new AccessProfile("writing", ["writers"], [user.Value], []));
        var before = (await governance.GetEffectivePolicyAsync(user)).Version;

        await Assert.ThrowsAsync<ConflictException>(() => governance.CreateToolsetAsync("writers", []));
        await Assert.ThrowsAsync<ConflictException>(() => governance.CreateToolsetAsync(Toolset.AllApproved, []));
        await Assert.ThrowsAsync<ConflictException>(() => governance.DeleteToolsetAsync("writers"));
        await Assert.ThrowsAsync<ConflictException>(() => governance.CreateUserAsync(new DirectoryUser(user, null, null, true, DirectoryRole.Member)));
        var unknownTool = await Assert.ThrowsAsync<InvalidRequestException>(() => governance.CreateToolsetAsync("readers", ["no_such_tool"]));
        var badName = await Assert.ThrowsAsync<InvalidRequestException>(() => governance.CreateToolsetAsync("Bad Name", []));
        var unknownUser = await Assert.ThrowsAsync<InvalidRequestException>(() => governance.CreateAccessProfileAsync(new AccessProfile("p", ["writers"], ["nobody"], [])));
        await Assert.ThrowsAsync<NotFoundException>(() => governance.DecideToolAsync("no_such_tool", ToolApproval.Approved));
        await Assert.ThrowsAsync<NotFoundException>(() => governance.ReplaceGroupAsync(new DirectoryGroup("ghosts", [])));

        Assert.Equal(["Tools"], unknownTool.Errors.Keys);
        Assert.Equal("The catalog has no tool 'no_such_tool'.", unknownTool.Message);
        Assert.Equal(["Name"], badName.Errors.Keys);
        Assert.Equal(["Users"], unknownUser.Errors.Keys);

        Assert.Equal(before, (await governance.GetEffectivePolicyAsync(user)).Version);
        Assert.Equal(["writing"], (await governance.GetAccessProfilesAsync()).Select(p => p.Name));
    }

    [Fact]
    public async Task A_users_api_keys_are_issued_listed_by_prefix_and_revoked_and_deleting_the_user_revokes_the_rest()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        var user = await GovernanceScenarios.MemberAsync(governance);

        var first = await governance.IssueApiKeyAsync(user, TestKeys.Issue("laptop"));
        var second = await governance.IssueApiKeyAsync(user, TestKeys.Issue("ci"));
        var listed = await governance.GetApiKeysAsync(user);

        Assert.Equal([first.Key.Prefix, second.Key.Prefix], listed.Select(k => k.Prefix));
        Assert.StartsWith(first.Key.Prefix + "_", first.Token, StringComparison.Ordinal);
        Assert.Equal(user, (await TestKeys.VerifyAsync(fixture.Grains, tenant, first.Token))?.User);

        var revoked = await governance.RevokeApiKeyAsync(user, first.Key.KeyId);
        Assert.Equal((null, first.Key.KeyId), (revoked.Before!.RevokedAt, revoked.Before.KeyId));
        Assert.NotNull(revoked.After!.RevokedAt);
        Assert.Null(await TestKeys.VerifyAsync(fixture.Grains, tenant, first.Token));
        await Assert.ThrowsAsync<NotFoundException>(() => governance.RevokeApiKeyAsync(user, ApiKeyToken.NewKeyId()));

        await governance.DeleteUserAsync(user);
        Assert.Null(await TestKeys.VerifyAsync(fixture.Grains, tenant, second.Token));
        Assert.Null(await governance.GetUserAsync(user));
    }

    [Fact]
    public async Task A_disabled_user_gets_no_new_key()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        var user = await GovernanceScenarios.MemberAsync(governance);
        await governance.ReplaceUserAsync((await governance.GetUserAsync(user))! with { Enabled = false });

        await Assert.ThrowsAsync<ConflictException>(() => governance.IssueApiKeyAsync(user, TestKeys.Issue("laptop")));
        Assert.Empty(await governance.GetApiKeysAsync(user));
    }

    [Fact]
    public async Task Policy_is_computed_once_per_change_not_per_call()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        var user = await GovernanceScenarios.MemberAsync(governance);

        var first = await governance.GetEffectivePolicyAsync(user);
        var again = await governance.GetEffectivePolicyAsync(user);
        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Approved);
        var changed = await governance.GetEffectivePolicyAsync(user);

        Assert.Equal(first.Version, again.Version);
        Assert.True(changed.Version > first.Version);
    }

    [Fact]
    public async Task Unknown_user_ids_in_a_group_are_refused()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();

        await Assert.ThrowsAsync<InvalidRequestException>(() => governance.CreateGroupAsync(new DirectoryGroup("team", [UniqueIds.User().Value])));
        Assert.Empty(await governance.GetGroupsAsync());
    }

    [Fact]
    public async Task A_change_that_cannot_be_stored_is_not_applied_anywhere()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Approved);
        var user = await GovernanceScenarios.MemberAsync(governance);
        await governance.CreateAccessProfileAsync(new AccessProfile("all", [Toolset.AllApproved], [user.Value], []));
        Assert.Equal([TestToolSource.GetPage], (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools.Keys);
        var stored = fixture.Storage.StoredJson("governance", governance.GetGrainId());

        fixture.Storage.FailWritesOf(governance.GetGrainId());
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Disabled));
        }
        finally
        {
            fixture.Storage.HealWritesOf(governance.GetGrainId());
        }

        Assert.Equal(stored, fixture.Storage.StoredJson("governance", governance.GetGrainId()));
        Assert.Equal([TestToolSource.GetPage], (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools.Keys);
        Assert.Equal(ToolApproval.Approved, (await governance.GetCatalogAsync()).Single(t => t.Name == TestToolSource.GetPage).Approval);
    }

    [Fact]
    public async Task A_users_first_policy_registers_them_without_rewriting_the_governance_document()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        var user = await GovernanceScenarios.MemberAsync(governance);
        var document = fixture.Storage.StoredJson("governance", governance.GetGrainId());

        await scenarios.PolicyHeldByAsync(tenant, user);

        Assert.Equal(document, fixture.Storage.StoredJson("governance", governance.GetGrainId()));
        Assert.Contains($"\"{user}\"", fixture.Storage.StoredJson("governance-registrations", governance.GetGrainId()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_users_survive_the_governance_grains_reactivation_and_still_get_each_change()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Approved);
        var user = await GovernanceScenarios.MemberAsync(governance);
        await governance.CreateAccessProfileAsync(new AccessProfile("all", [Toolset.AllApproved], [user.Value], []));
        Assert.Equal([TestToolSource.GetPage], (await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools.Keys);

        await fixture.Cluster.DeactivateAsync(governance);
        await governance.DecideToolAsync(TestToolSource.GetPage, ToolApproval.Disabled);

        Assert.Empty((await scenarios.PolicyHeldByAsync(tenant, user)).AllowedTools);
    }

    [Fact]
    public async Task A_change_answers_the_resource_before_and_after_as_the_grain_saw_them()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        var alice = await GovernanceScenarios.MemberAsync(governance);
        var bob = await GovernanceScenarios.MemberAsync(governance);
        await governance.CreateGroupAsync(new DirectoryGroup("team", [alice.Value]));

        var replaced = await governance.ReplaceGroupAsync(new DirectoryGroup("team", [alice.Value, bob.Value, bob.Value]));
        var disabled = await governance.SetUserEnabledAsync(bob, enabled: false);
        var deleted = await governance.DeleteGroupAsync("team");
        var decided = await governance.DecideToolAsync(TestToolSource.DeletePage, ToolApproval.Disabled);

        Assert.Equal([alice.Value], replaced.Before!.Members);
        Assert.Equal([alice.Value, bob.Value], replaced.After!.Members);
        Assert.Equal((true, false), (disabled.Before!.Enabled, disabled.After!.Enabled));
        Assert.Equal(disabled.Before with { Enabled = false }, disabled.After);
        Assert.Equal([alice.Value, bob.Value], deleted.Before!.Members);
        Assert.Null(deleted.After);
        Assert.Equal((ToolApproval.PendingReview, ToolApproval.Disabled), (decided.Before!.Approval, decided.After!.Approval));
    }

    [Fact]
    public async Task A_refusal_crosses_the_grain_boundary_as_its_kind_with_the_field_and_a_capped_echo()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        var huge = new string('m', 1_000_000);

        var unknownMember = await Assert.ThrowsAsync<InvalidRequestException>(() => governance.CreateGroupAsync(new DirectoryGroup("team", [huge])));
        var badEmail = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            governance.CreateUserAsync(new DirectoryUser(UniqueIds.User(), null, "not\nan address " + huge, true, DirectoryRole.Member)));

        Assert.Equal(["Members"], unknownMember.Errors.Keys);
        Assert.StartsWith("There is no user 'mmmm", unknownMember.Message, StringComparison.Ordinal);
        Assert.EndsWith("m…'.", unknownMember.Message, StringComparison.Ordinal);
        Assert.True(unknownMember.Message.Length < 200, $"{unknownMember.Message.Length} characters");
        Assert.Equal(["Email"], badEmail.Errors.Keys);
        Assert.DoesNotContain('\n', badEmail.Message);
        Assert.True(badEmail.Message.Length < 200, $"{badEmail.Message.Length} characters");
        Assert.Empty(await governance.GetGroupsAsync());
    }
}
