using Platform.Grains.ApiKeys;
using Platform.Grains.Governance;
using Platform.Grains.Refusals;

namespace Platform.Grains.Tests;

/// <summary>
/// Issue 11, path 3: a key records who issued it and what it opens; the admin scope is only an admin's; a tenant that
/// requires self-issued keys refuses every key someone else asks for.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ApiKeyIssuerTests(ClusterFixture fixture)
{
    private readonly GovernanceScenarios scenarios = new(fixture);

    [Fact]
    public async Task A_key_names_its_issuer_and_opens_only_its_scopes_and_only_an_admin_gets_the_admin_scope()
    {
        var (tenant, governance) = await scenarios.ActiveTenantAsync();
        var admin = await GovernanceScenarios.MemberAsync(governance, DirectoryRole.Admin);
        var member = await GovernanceScenarios.MemberAsync(governance);

        var byOperator = await governance.IssueApiKeyAsync(member, TestKeys.Issue("ci"));
        var byAdmin = await governance.IssueApiKeyAsync(member, TestKeys.Issue("laptop", issuedBy: ApiKeyIssuers.ForUser(admin)));
        var own = await governance.IssueApiKeyAsync(admin, TestKeys.Issue("admin", issuedBy: ApiKeyIssuers.ForUser(admin), scopes: [ApiKeyScopes.Admin]));
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            governance.IssueApiKeyAsync(member, TestKeys.Issue("escalate", issuedBy: ApiKeyIssuers.ForUser(member), scopes: ApiKeyScopes.All)));
        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() => governance.IssueApiKeyAsync(member, TestKeys.Issue("odd", scopes: ["root"])));

        var operatorIdentity = await VerifyAsync(tenant, byOperator);
        var adminIdentity = await VerifyAsync(tenant, byAdmin);
        var ownIdentity = await VerifyAsync(tenant, own);
        Assert.Equal((member, "operator", "operator"), (operatorIdentity.User, operatorIdentity.IssuedBy, operatorIdentity.IssuerOtherThanOwner));
        Assert.Equal($"user:{admin}", adminIdentity.IssuerOtherThanOwner);
        Assert.Null(ownIdentity.IssuerOtherThanOwner);
        Assert.Equal([ApiKeyScopes.Mcp], operatorIdentity.Scopes);
        Assert.Equal([ApiKeyScopes.Admin], ownIdentity.Scopes);
        Assert.False(ownIdentity.Opens(ApiKeyScopes.Mcp));
        Assert.Equal(["Scopes"], refused.Errors.Keys);
        Assert.Equal(["Scopes"], unknown.Errors.Keys);
        Assert.Equal(3, (await governance.GetApiKeysAsync(member)).Count + (await governance.GetApiKeysAsync(admin)).Count);
        Assert.Equal(["operator", $"user:{admin}"], (await governance.GetApiKeysAsync(member)).Select(key => key.IssuedBy));
    }

    [Fact]
    public async Task A_tenant_that_requires_self_issued_keys_refuses_keys_the_operator_or_an_admin_asks_for()
    {
        var (_, governance) = await scenarios.ActiveTenantAsync();
        var admin = await GovernanceScenarios.MemberAsync(governance, DirectoryRole.Admin);
        var member = await GovernanceScenarios.MemberAsync(governance);
        await governance.SetSecuritySettingsAsync(TenantSecuritySettings.Default with { RequireSelfIssuedKeys = true });

        await Assert.ThrowsAsync<ConflictException>(() => governance.IssueApiKeyAsync(member, TestKeys.Issue("by-operator")));
        await Assert.ThrowsAsync<ConflictException>(() => governance.IssueApiKeyAsync(member, TestKeys.Issue("by-admin", issuedBy: ApiKeyIssuers.ForUser(admin))));
        var own = await governance.IssueApiKeyAsync(member, TestKeys.Issue("mine", issuedBy: ApiKeyIssuers.ForUser(member)));

        Assert.Equal([own.Key.KeyId], (await governance.GetApiKeysAsync(member)).Select(key => key.KeyId));
    }

    private async Task<ApiKeyIdentity> VerifyAsync(Identity.TenantId tenant, IssuedApiKey key) =>
        await TestKeys.VerifyAsync(fixture.Grains, tenant, key.Token) ?? throw new InvalidOperationException("The key does not verify.");
}
