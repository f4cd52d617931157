using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.OAuth;
using Platform.Grains.Refusals;
using Platform.Grains.Tenants;
using Platform.Grains.Tools;

namespace Platform.Grains.Tests;

/// <summary>
/// Issue 11, path 6: deleting a user or a tenant leaves no live credential behind, in memory or at rest, and a user
/// created again under the same id starts with nothing of the one before. A deleted tenant's id stays taken.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeletionTests(ClusterFixture fixture)
{
    private readonly ConnectionScenarios scenarios = new(fixture);

    [Fact]
    public async Task A_new_person_given_a_deleted_users_id_inherits_neither_their_connection_nor_their_links_keys_or_clients()
    {
        var (tenant, grain, account) = await scenarios.ConnectedUserAsync();
        var user = GrainKeys.ParseUser(grain.GetPrimaryKeyString()).User;
        var governance = fixture.Grains.GetTenantGovernanceGrain(tenant);
        var key = await governance.IssueApiKeyAsync(user, TestKeys.Issue("laptop"));
        var pendingLink = await grain.CreateConnectLinkAsync();
        var (code, state) = await fixture.Simulator.ConsentAsync(grain, pendingLink, account.Email);
        var grants = fixture.Grains.GetOAuthGrantsGrain(tenant, user);
        await grants.CreateAuthorizationAsync(new OAuthAuthorizationEntry { Id = "u.a1", ApplicationId = "claude", Status = "valid", Type = "permanent" });
        Assert.Equal(ToolCallStatus.Succeeded, (await ConnectionScenarios.ListSpacesAsync(grain)).Status);

        await governance.DeleteUserAsync(user);
        var atRest = fixture.Storage.StoredJson("connection", grain.GetGrainId());
        await governance.CreateUserAsync(new DirectoryUser(user, null, null, true, DirectoryRole.Member));
        await governance.ReplaceAccessProfileAsync((await governance.GetAccessProfilesAsync()).Single() with { Users = [user.Value] });

        Assert.Equal("", atRest);
        var connection = await grain.GetConnectionAsync();
        Assert.Equal((ConnectionStatus.Never, null, null), (connection.Status, connection.AccountId, connection.CloudId));
        Assert.False((await grain.CompleteConnectAsync(ConnectionScenarios.NonceOf(state), code)).Succeeded);
        Assert.Equal(ConnectionStatus.Never, (await grain.GetConnectionAsync()).Status);
        Assert.Null(await TestKeys.VerifyAsync(fixture.Grains, tenant, key.Token));
        Assert.False(await grants.IsAuthorizationValidAsync("u.a1"));
        Assert.Equal(ToolCallStatus.ConnectionRequired, (await ConnectionScenarios.ListSpacesAsync(grain)).Status);
    }

    [Fact]
    public async Task A_deleted_tenant_keeps_no_client_secret_token_or_user_connection_and_its_id_stays_taken()
    {
        var (tenant, grain, _) = await scenarios.ConnectedUserAsync();
        var user = GrainKeys.ParseUser(grain.GetPrimaryKeyString()).User;
        var tenantGrain = fixture.Grains.GetTenantGrain(tenant);
        await tenantGrain.SetServiceAccountTokenAsync("service-account-token-7f3a");
        var key = await fixture.Grains.GetTenantGovernanceGrain(tenant).IssueApiKeyAsync(user, TestKeys.Issue("laptop"));
        var sealedBefore = fixture.Storage.StoredJson("tenant", tenantGrain.GetGrainId());

        var deleted = await tenantGrain.DeleteAsync();

        Assert.Equal(TenantStatus.Deleted, deleted.After!.Status);
        Assert.Contains("\"v1.", sealedBefore, StringComparison.Ordinal);
        Assert.DoesNotContain("\"v1.", fixture.Storage.StoredJson("tenant", tenantGrain.GetGrainId()), StringComparison.Ordinal);
        Assert.Equal("", fixture.Storage.StoredJson("connection", grain.GetGrainId()));
        Assert.Equal(ConnectionStatus.Never, (await grain.GetConnectionAsync()).Status);
        await Assert.ThrowsAsync<NotFoundException>(tenantGrain.GetOAuthAppAsync);
        Assert.Null(await TestKeys.VerifyAsync(fixture.Grains, tenant, key.Token));
        var call = await ConnectionScenarios.ListSpacesAsync(grain);
        Assert.Equal(ToolCallStatus.Denied, call.Status);
        Assert.Contains("no longer exists", call.Text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TenantAlreadyExistsException>(() => tenantGrain.CreateAsync("Reborn"));
        // Deleting again finishes what a failed delete left, and changes nothing more.
        Assert.Equal(TenantStatus.Deleted, (await tenantGrain.DeleteAsync()).After!.Status);
    }

    [Fact]
    public async Task A_deleted_tenants_shared_connection_is_purged()
    {
        var tenant = await scenarios.NewTenantAsync(CredentialMode.SharedOAuth);
        var admin = await fixture.Simulator.CreateAccountAsync();
        var shared = fixture.Grains.GetUserConnectionGrain(tenant, Identity.UserId.SharedConnection);
        Assert.True((await scenarios.ConnectAsync(shared, admin.Email)).Succeeded);
        Assert.Contains("\"v1.", fixture.Storage.StoredJson("connection", shared.GetGrainId()), StringComparison.Ordinal);

        await fixture.Grains.GetTenantGrain(tenant).DeleteAsync();

        Assert.Equal("", fixture.Storage.StoredJson("connection", shared.GetGrainId()));
        Assert.Equal(ConnectionStatus.Never, (await shared.GetConnectionAsync()).Status);
    }
}
