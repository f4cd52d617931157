using Platform.Grains.OAuth;

namespace Platform.Grains.Tests;

/// <summary>One user's OAuth grants: single redemption under races, revocation, what is kept and for how long.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OAuthGrantsGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Of_two_saves_carrying_the_same_concurrency_token_only_the_first_succeeds()
    {
        var grants = fixture.Grains.GetOAuthGrantsGrain(UniqueIds.Tenant(), UniqueIds.User());
        var token = new OAuthTokenEntry { Id = "u.code1", AuthorizationId = "u.a1", Status = "valid", Type = "authorization_code", ExpirationDate = fixture.Time.GetUtcNow().AddMinutes(2) };
        await grants.CreateTokenAsync(token);
        var stored = (await grants.GetAsync()).Tokens.Single();

        var redeem = () => grants.UpdateTokenAsync(new OAuthTokenEntry { Id = stored.Id, AuthorizationId = "u.a1", Status = "redeemed", Type = stored.Type, ExpirationDate = stored.ExpirationDate }, stored.ConcurrencyToken);
        var results = await Task.WhenAll(Attempt(redeem), Attempt(redeem));

        Assert.Equal(1, results.Count(succeeded => succeeded));
        Assert.Equal("redeemed", (await grants.GetAsync()).Tokens.Single().Status);
    }

    [Fact]
    public async Task Revoking_a_client_revokes_its_authorizations_and_their_tokens_and_nothing_else()
    {
        var grants = fixture.Grains.GetOAuthGrantsGrain(UniqueIds.Tenant(), UniqueIds.User());
        var expires = fixture.Time.GetUtcNow().AddDays(1);
        await grants.CreateAuthorizationAsync(new OAuthAuthorizationEntry { Id = "u.a1", ApplicationId = "client-a", Status = "valid", Type = "permanent" });
        await grants.CreateAuthorizationAsync(new OAuthAuthorizationEntry { Id = "u.a2", ApplicationId = "client-b", Status = "valid", Type = "permanent" });
        await grants.CreateTokenAsync(new OAuthTokenEntry { Id = "u.t1", AuthorizationId = "u.a1", Status = "valid", Type = "refresh_token", ExpirationDate = expires });
        await grants.CreateTokenAsync(new OAuthTokenEntry { Id = "u.t2", AuthorizationId = "u.a2", Status = "valid", Type = "refresh_token", ExpirationDate = expires });

        Assert.Equal(1, await grants.RevokeAsync("client-a"));

        var after = await grants.GetAsync();
        Assert.False(await grants.IsAuthorizationValidAsync("u.a1"));
        Assert.True(await grants.IsAuthorizationValidAsync("u.a2"));
        Assert.Equal(("revoked", "valid"), (after.Tokens.Single(t => t.Id == "u.t1").Status, after.Tokens.Single(t => t.Id == "u.t2").Status));
        Assert.Equal(0, await grants.RevokeAsync("client-a"));
    }

    [Fact]
    public async Task Expired_tokens_and_spent_ad_hoc_authorizations_are_pruned_on_the_next_write()
    {
        var grants = fixture.Grains.GetOAuthGrantsGrain(UniqueIds.Tenant(), UniqueIds.User());
        var now = fixture.Time.GetUtcNow();
        await grants.CreateAuthorizationAsync(new OAuthAuthorizationEntry { Id = "u.adhoc", Status = "revoked", Type = "ad-hoc" });
        await grants.CreateAuthorizationAsync(new OAuthAuthorizationEntry { Id = "u.kept", Status = "valid", Type = "permanent" });
        await grants.CreateTokenAsync(new OAuthTokenEntry { Id = "u.old", AuthorizationId = "u.kept", Status = "redeemed", ExpirationDate = now.AddMinutes(-1) });
        await grants.CreateTokenAsync(new OAuthTokenEntry { Id = "u.live", AuthorizationId = "u.kept", Status = "redeemed", ExpirationDate = now.AddDays(1) });

        var after = await grants.GetAsync();

        Assert.Equal(["u.kept"], after.Authorizations.Select(a => a.Id));
        Assert.Equal(["u.live"], after.Tokens.Select(t => t.Id));
    }

    private static async Task<bool> Attempt(Func<Task<string>> save)
    {
        try
        {
            await save();
            return true;
        }
        catch (OAuthConcurrencyException)
        {
            return false;
        }
    }
}
