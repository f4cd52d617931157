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
        Assert.Equal(user, (await fixture.Grains.GetApiKeyGrain(tenant, keyId).VerifyAsync(ApiKeyToken.Hash(issued.Token)))?.User);
        Assert.Null(await fixture.Grains.GetApiKeyGrain(tenant, keyId).VerifyAsync(ApiKeyToken.Hash(issued.Token + "x")));
    }

    [Fact]
    public async Task A_key_looked_up_under_another_tenant_finds_nothing()
    {
        var keyId = ApiKeyToken.NewKeyId();
        var issued = await fixture.Grains.GetApiKeyGrain(UniqueIds.Tenant(), keyId).IssueAsync(UniqueIds.User(), TestKeys.Issue("k"));

        Assert.Null(await fixture.Grains.GetApiKeyGrain(UniqueIds.Tenant(), keyId).VerifyAsync(ApiKeyToken.Hash(issued.Token)));
    }

    [Fact]
    public async Task A_key_stops_verifying_when_it_expires_or_is_revoked()
    {
        var tenant = UniqueIds.Tenant();
        var expiring = await fixture.Grains.GetApiKeyGrain(tenant, ApiKeyToken.NewKeyId()).IssueAsync(UniqueIds.User(), TestKeys.Issue("short", fixture.Time.GetUtcNow().AddMinutes(5)));
        var revokedId = ApiKeyToken.NewKeyId();
        var revoked = await fixture.Grains.GetApiKeyGrain(tenant, revokedId).IssueAsync(UniqueIds.User(), TestKeys.Issue("revoked"));

        var beforeExpiry = await fixture.Grains.GetApiKeyGrain(tenant, expiring.Key.KeyId).VerifyAsync(ApiKeyToken.Hash(expiring.Token));
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var afterExpiry = await fixture.Grains.GetApiKeyGrain(tenant, expiring.Key.KeyId).VerifyAsync(ApiKeyToken.Hash(expiring.Token));
        var view = await fixture.Grains.GetApiKeyGrain(tenant, revokedId).RevokeAsync();

        Assert.NotNull(beforeExpiry);
        Assert.Null(afterExpiry);
        Assert.NotNull(view!.RevokedAt);
        Assert.Null(await fixture.Grains.GetApiKeyGrain(tenant, revokedId).VerifyAsync(ApiKeyToken.Hash(revoked.Token)));
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
