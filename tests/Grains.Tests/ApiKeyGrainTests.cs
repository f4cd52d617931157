using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;
using Platform.Grains.Refusals;

namespace Platform.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ApiKeyGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_issued_key_verifies_as_its_user_by_hash_and_shows_only_its_prefix()
    {
        var tenant = UniqueIds.Tenant();
        var keyId = ApiKeyToken.NewKeyId();
        var user = UniqueIds.User();

        var issued = await fixture.Grains.GetApiKeyGrain(tenant, keyId).IssueAsync(user, TestKeys.Issue("laptop"));

        Assert.True(ApiKeyToken.TryParse(issued.Token, out var parsedId));
        Assert.Equal(keyId, parsedId);
        Assert.Equal($"cfk_{keyId}", issued.Key.Prefix);
        Assert.DoesNotContain(issued.Token, issued.ToString(), StringComparison.Ordinal);
        Assert.Equal(user, (await TestKeys.VerifyAsync(fixture.Grains, tenant, issued.Token))?.User);
        Assert.Null(await TestKeys.VerifyAsync(fixture.Grains, tenant, issued.Token + "x"));
    }

    [Fact]
    public async Task A_key_looked_up_under_another_tenant_finds_nothing()
    {
        var keyId = ApiKeyToken.NewKeyId();
        var issued = await fixture.Grains.GetApiKeyGrain(UniqueIds.Tenant(), keyId).IssueAsync(UniqueIds.User(), TestKeys.Issue("k"));

        Assert.Null(await TestKeys.VerifyAsync(fixture.Grains, UniqueIds.Tenant(), issued.Token));
    }

    [Fact]
    public async Task A_key_stops_verifying_when_it_expires_or_is_revoked_though_its_tenants_verifier_had_kept_it()
    {
        var tenant = UniqueIds.Tenant();
        var expiring = await fixture.Grains.GetApiKeyGrain(tenant, ApiKeyToken.NewKeyId()).IssueAsync(UniqueIds.User(), TestKeys.Issue("short", fixture.Time.GetUtcNow().AddMinutes(5)));
        var revokedId = ApiKeyToken.NewKeyId();
        var revoked = await fixture.Grains.GetApiKeyGrain(tenant, revokedId).IssueAsync(UniqueIds.User(), TestKeys.Issue("revoked"));

        var beforeExpiry = await TestKeys.VerifyAsync(fixture.Grains, tenant, expiring.Token);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var afterExpiry = await TestKeys.VerifyAsync(fixture.Grains, tenant, expiring.Token);
        var beforeRevocation = await TestKeys.VerifyAsync(fixture.Grains, tenant, revoked.Token);
        var view = await fixture.Grains.GetApiKeyGrain(tenant, revokedId).RevokeAsync();

        Assert.NotNull(beforeExpiry);
        Assert.Null(afterExpiry);
        Assert.NotNull(beforeRevocation);
        Assert.NotNull(view!.RevokedAt);
        Assert.Null(await TestKeys.VerifyAsync(fixture.Grains, tenant, revoked.Token));
    }

    [Fact]
    public async Task A_verified_key_leaves_memory_and_its_tenants_verifier_answers_for_it_without_activating_it_again()
    {
        var tenant = UniqueIds.Tenant();
        var user = UniqueIds.User();
        var keyId = ApiKeyToken.NewKeyId();
        var key = fixture.Grains.GetApiKeyGrain(tenant, keyId);
        var issued = await key.IssueAsync(user, TestKeys.Issue("laptop"));
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);

        Assert.Equal(user, (await TestKeys.VerifyAsync(fixture.Grains, tenant, issued.Token))?.User);
        for (var polls = 0; await management.GetGrainActivationCount((GrainReference)key) > 0 && polls < 500; polls++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, await management.GetGrainActivationCount((GrainReference)key));
        Assert.Equal(user, (await TestKeys.VerifyAsync(fixture.Grains, tenant, issued.Token))?.User);
        Assert.Null(await TestKeys.VerifyAsync(fixture.Grains, tenant, issued.Token + "x"));
        Assert.Equal(0, await management.GetGrainActivationCount((GrainReference)key));
    }

    [Fact]
    public async Task An_unknown_key_id_is_not_remembered_so_a_key_issued_under_it_later_verifies()
    {
        var tenant = UniqueIds.Tenant();
        var keyId = ApiKeyToken.NewKeyId();
        var guessed = ApiKeyToken.Format(keyId, ApiKeyToken.NewSecret());

        var before = await TestKeys.VerifyAsync(fixture.Grains, tenant, guessed);
        var issued = await fixture.Grains.GetApiKeyGrain(tenant, keyId).IssueAsync(UniqueIds.User(), TestKeys.Issue("later"));

        Assert.Null(before);
        Assert.NotNull(await TestKeys.VerifyAsync(fixture.Grains, tenant, issued.Token));
    }

    [Fact]
    public async Task Issuing_twice_under_one_id_or_with_a_past_expiry_is_refused()
    {
        var tenant = UniqueIds.Tenant();
        var keyId = ApiKeyToken.NewKeyId();
        await fixture.Grains.GetApiKeyGrain(tenant, keyId).IssueAsync(UniqueIds.User(), TestKeys.Issue("first"));

        await Assert.ThrowsAsync<ApiKeyAlreadyExistsException>(() => fixture.Grains.GetApiKeyGrain(tenant, keyId).IssueAsync(UniqueIds.User(), TestKeys.Issue("second")));
        var late = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Grains.GetApiKeyGrain(tenant, ApiKeyToken.NewKeyId()).IssueAsync(UniqueIds.User(), TestKeys.Issue("late", fixture.Time.GetUtcNow())));
        Assert.Equal(["ExpiresAt"], late.Errors.Keys);
        Assert.Equal("first", (await fixture.Grains.GetApiKeyGrain(tenant, keyId).GetAsync())!.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cfk_0123456789abcdef")]
    [InlineData("cfk_0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xyz_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("cfk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    public void Anything_not_shaped_like_a_key_does_not_parse(string token)
    {
        Assert.False(ApiKeyToken.TryParse(token, out _));
    }

    [Fact]
    public void A_generated_key_parses()
    {
        Assert.True(ApiKeyToken.TryParse(ApiKeyToken.Format(ApiKeyToken.NewKeyId(), ApiKeyToken.NewSecret()), out _));
        Assert.Throws<ArgumentException>(() => GrainKeys.ForApiKey(TenantId.Parse("acme"), "../other"));
    }
}
