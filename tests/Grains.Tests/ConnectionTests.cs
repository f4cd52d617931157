using System.Text.Json.Nodes;
using Platform.Grains.Connections;
using Platform.Grains.Tools;
using static Platform.Grains.Tests.ConnectionScenarios;

namespace Platform.Grains.Tests;

/// <summary>Per-user OAuth connections and the token vault, against the Atlassian simulator.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectionTests(ClusterFixture fixture)
{
    private readonly ConnectionScenarios scenarios = new(fixture);

    private SimulatorClient Simulator => fixture.Simulator;

    [Fact]
    public async Task A_user_connects_through_consent_and_calls_confluence_as_themselves()
    {
        var (tenant, user) = (await scenarios.NewTenantAsync(), UniqueIds.User());
        var account = await Simulator.CreateAccountAsync();
        var grain = await scenarios.EnrolAsync(tenant, user, account.Email);

        var link = await grain.CreateConnectLinkAsync();
        var (code, state) = await Simulator.ConsentAsync(grain, link, account.Email);
        Assert.True(ConnectState.TryParse(state, out var stateTenant, out var stateUser, out var nonce));
        var outcome = await fixture.Grains.GetUserConnectionGrain(stateTenant, stateUser).CompleteConnectAsync(nonce, code);

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal((tenant, user), (stateTenant, stateUser));
        // The link opens the gateway's page, which sends the person on to Atlassian only while the link is pending.
        Assert.StartsWith("http://gateway.test/connect?state=", link.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal("ConnectLink(redacted)", link.ToString());
        Assert.Null(await grain.DescribeConnectLinkAsync(nonce));
        var connection = await grain.GetConnectionAsync();
        Assert.Equal(ConnectionStatus.Connected, connection.Status);
        Assert.Equal(account.AccountId, connection.AccountId);
        Assert.Equal(Simulator.CloudId, connection.CloudId);
        Assert.Contains("offline_access", connection.Scopes);
        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);
    }

    [Fact]
    public async Task A_replayed_forged_expired_or_other_users_state_changes_nothing_and_says_why()
    {
        var (tenant, user) = (await scenarios.NewTenantAsync(), UniqueIds.User());
        var account = await Simulator.CreateAccountAsync();
        var grain = await scenarios.EnrolAsync(tenant, user, account.Email);
        var (code, state) = await Simulator.ConsentAsync(grain, await grain.CreateConnectLinkAsync(), account.Email);
        var nonce = NonceOf(state);

        // The same user id in another tenant presenting this user's nonce, and a made-up nonce.
        var otherTenant = await scenarios.NewTenantAsync();
        var otherUser = fixture.Grains.GetUserConnectionGrain(otherTenant, user);
        var stolen = await otherUser.CompleteConnectAsync(nonce, code);
        var forged = await grain.CompleteConnectAsync("forged-nonce-0123456789abcdef", code);

        Assert.False(stolen.Succeeded);
        Assert.False(forged.Succeeded);
        Assert.Contains("not valid", forged.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Never, (await otherUser.GetConnectionAsync()).Status);
        Assert.Equal(ConnectionStatus.Never, (await grain.GetConnectionAsync()).Status);

        // The genuine link still works once, and only once.
        Assert.True((await grain.CompleteConnectAsync(nonce, code)).Succeeded);
        var replay = await grain.CompleteConnectAsync(nonce, code);
        Assert.False(replay.Succeeded);
        Assert.Contains("not valid", replay.Message, StringComparison.Ordinal);

        var (freshCode, freshState) = await Simulator.ConsentAsync(grain, await grain.CreateConnectLinkAsync(), account.Email);
        fixture.Time.Advance(TimeSpan.FromMinutes(11));
        var expired = await grain.CompleteConnectAsync(NonceOf(freshState), freshCode);

        Assert.False(expired.Succeeded);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.Equal(account.AccountId, (await grain.GetConnectionAsync()).AccountId);
    }

    [Fact]
    public async Task Several_recent_links_stay_valid_so_a_retried_call_does_not_void_the_one_being_opened()
    {
        var (tenant, user) = (await scenarios.NewTenantAsync(), UniqueIds.User());
        var account = await Simulator.CreateAccountAsync();
        var grain = await scenarios.EnrolAsync(tenant, user, account.Email);

        var opened = await grain.CreateConnectLinkAsync();
        await grain.CreateConnectLinkAsync();
        await grain.CreateConnectLinkAsync();
        var (code, state) = await Simulator.ConsentAsync(grain, opened, account.Email);

        Assert.True((await grain.CompleteConnectAsync(NonceOf(state), code)).Succeeded);
    }

    [Fact]
    public async Task A_consent_that_does_not_reach_the_tenants_site_is_refused_and_stores_nothing()
    {
        var (tenant, user) = (await scenarios.NewTenantAsync(), UniqueIds.User());
        var otherSite = await Simulator.CreateSiteAsync();
        var outsider = await Simulator.CreateAccountAsync(sites: [otherSite]);
        var grain = await scenarios.EnrolAsync(tenant, user);

        var outcome = await scenarios.ConnectAsync(grain, outsider.Email);

        Assert.False(outcome.Succeeded);
        Assert.Contains("did not grant access", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Never, (await grain.GetConnectionAsync()).Status);
    }

    [Fact]
    public async Task A_hundred_concurrent_calls_on_an_expired_token_cause_exactly_one_refresh_on_a_two_silo_cluster()
    {
        var (_, grain, account) = await scenarios.ConnectedUserAsync();
        fixture.Time.Advance(TimeSpan.FromHours(1));

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => ListSpacesAsync(grain)));

        Assert.All(results, result => Assert.True(result.Status == ToolCallStatus.Succeeded, result.Text));
        Assert.Equal(1, await Simulator.CounterAsync($"token.refresh_token.{account.AccountId}"));
        // The calls entered through both silos' gateways and met one activation.
        Assert.Equal(2, fixture.Cluster.Silos.Count);
        Assert.Equal(1, await fixture.Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)grain));
        Assert.Equal(0, await Simulator.CounterAsync($"token.reuse_detected.{account.AccountId}"));
        Assert.True((await grain.GetConnectionAsync()).AccessTokenExpiresAt > fixture.Time.GetUtcNow());
    }

    [Fact]
    public async Task A_users_calls_are_not_serialised_by_the_vault()
    {
        var (_, grain, _) = await scenarios.ConnectedUserAsync();
        var rejectedBefore = await Simulator.CounterAsync("ratelimit.concurrency.429");
        await Simulator.SetLatencyAndConcurrencyCapAsync(latencyMs: 300, maxConcurrent: 1);
        try
        {
            // Serialised calls would each find the single slot free; concurrent ones collide on it.
            var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ListSpacesAsync(grain)));

            Assert.Contains(results, result => result.UpstreamStatus == 429);
            Assert.Contains(results, result => result.Status == ToolCallStatus.Succeeded);
            Assert.True(await Simulator.CounterAsync("ratelimit.concurrency.429") > rejectedBefore);
        }
        finally
        {
            await Simulator.SetLatencyAndConcurrencyCapAsync(0, 0);
        }
    }

    [Fact]
    public async Task A_call_is_known_as_running_from_its_start_until_it_has_answered()
    {
        var (_, grain, _) = await scenarios.ConnectedUserAsync();
        var call = new ToolCall(TestToolSource.ListSpaces, """{"limit":1}""", new McpClientInfo("grain-tests", "1"));
        await Simulator.SetLatencyAndConcurrencyCapAsync(latencyMs: 1_000, maxConcurrent: 0);
        try
        {
            var pending = grain.CallToolAsync(call);
            var seenRunning = false;
            while (!pending.IsCompleted && !seenRunning)
            {
                seenRunning = await grain.IsCallRunningAsync(call.CallId);
            }

            Assert.True(seenRunning, "the call answered before it was ever seen running");
            Assert.False(await grain.IsCallRunningAsync(Guid.NewGuid()));
            Assert.Equal(ToolCallStatus.Succeeded, (await pending).Status);
            Assert.False(await grain.IsCallRunningAsync(call.CallId));
        }
        finally
        {
            await Simulator.SetLatencyAndConcurrencyCapAsync(0, 0);
        }
    }

    [Fact]
    public async Task A_fresh_token_is_used_without_any_token_request()
    {
        var (_, grain, account) = await scenarios.ConnectedUserAsync();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ListSpacesAsync(grain)));

        Assert.Equal(0, await Simulator.CounterAsync($"token.refresh_token.{account.AccountId}"));
    }

    [Fact]
    public async Task A_revoked_grant_marks_the_connection_needs_reconnect_and_hands_out_a_link_without_retrying()
    {
        var (_, grain, account) = await scenarios.ConnectedUserAsync();
        await Simulator.RevokeGrantsAsync(account.AccountId);
        fixture.Time.Advance(TimeSpan.FromHours(1));

        var first = await ListSpacesAsync(grain);
        var second = await ListSpacesAsync(grain);

        Assert.Equal(ToolCallStatus.ConnectionRequired, first.Status);
        Assert.Equal(ToolCallStatus.ConnectionRequired, second.Status);
        Assert.NotNull(first.ConnectLink);
        Assert.NotNull(second.ConnectLink);
        Assert.StartsWith("http://gateway.test/connect?state=", first.ConnectLink!.Url.ToString(), StringComparison.Ordinal);
        var connection = await grain.GetConnectionAsync();
        Assert.Equal(ConnectionStatus.NeedsReconnect, connection.Status);
        Assert.Null(connection.AccessTokenExpiresAt);

        // Reconnecting through the handed-out link makes the same call work again.
        var (code, state) = await Simulator.ConsentAsync(grain, second.ConnectLink!, account.Email);
        var nonce = NonceOf(state);
        Assert.True((await grain.CompleteConnectAsync(nonce, code)).Succeeded);
        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);
    }

    [Fact]
    public async Task Changing_the_tenants_scopes_sends_connected_users_back_to_consent()
    {
        var (tenant, grain, _) = await scenarios.ConnectedUserAsync();

        await fixture.Grains.GetTenantGrain(tenant).ConfigureIntegrationAsync(scenarios.Settings([.. SimulatorClient.Scopes, "write:space:confluence"]));

        Assert.Equal(ConnectionStatus.NeedsReconnect, (await grain.GetConnectionAsync()).Status);
        Assert.Equal(ToolCallStatus.ConnectionRequired, (await ListSpacesAsync(grain)).Status);
    }

    [Fact]
    public async Task A_connection_consented_before_fingerprints_were_digests_keeps_working_until_the_settings_change()
    {
        var (tenant, grain, _) = await scenarios.ConnectedUserAsync();
        var settings = (await fixture.Grains.GetTenantGrain(tenant).GetOAuthAppAsync()).Settings;
        await fixture.Cluster.DeactivateAsync(grain);
        fixture.Storage.Rewrite("connection", grain.GetGrainId(), json =>
        {
            var stored = JsonNode.Parse(json)!;
            Assert.Equal(settings.ConsentFingerprint, (string?)stored["consentedSettings"]);
            // What releases before the digest stored: the settings' text itself.
            stored["consentedSettings"] = $"{settings.ClientId}|{settings.CloudId}|{string.Join(' ', settings.Scopes)}";
            return stored.ToJsonString();
        });

        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);
        Assert.Equal(ConnectionStatus.Connected, (await grain.GetConnectionAsync()).Status);

        await fixture.Grains.GetTenantGrain(tenant).ConfigureIntegrationAsync(scenarios.Settings([.. SimulatorClient.Scopes, "write:space:confluence"]));

        Assert.Equal(ToolCallStatus.ConnectionRequired, (await ListSpacesAsync(grain)).Status);
    }

    [Fact]
    public async Task Disconnect_deletes_the_tokens()
    {
        var (_, grain, _) = await scenarios.ConnectedUserAsync();

        await grain.DisconnectAsync();

        var connection = await grain.GetConnectionAsync();
        Assert.Equal(ConnectionStatus.Disconnected, connection.Status);
        Assert.Empty(connection.Scopes);
        Assert.DoesNotContain("sealedAccessToken\":\"v1", fixture.Storage.StoredJson("connection", grain.GetGrainId()), StringComparison.Ordinal);
        Assert.Equal(ToolCallStatus.ConnectionRequired, (await ListSpacesAsync(grain)).Status);
    }

    [Fact]
    public async Task A_rotated_client_secret_is_used_at_once_and_nobody_reconnects()
    {
        var (tenant, user) = (await scenarios.NewTenantAsync(), UniqueIds.User());
        var account = await Simulator.CreateAccountAsync();
        var grain = await scenarios.EnrolAsync(tenant, user, account.Email);
        Assert.True((await scenarios.ConnectAsync(grain, account.Email)).Succeeded);
        var before = await fixture.Grains.GetTenantGrain(tenant).GetIntegrationAsync();

        const string rotated = "rotated-secret-51c0";
        await Simulator.RegisterAppAsync(rotated, $"{ClusterFixture.PublicBaseUrl}/integration-callback");
        try
        {
            fixture.Time.Advance(TimeSpan.FromSeconds(30));
            var after = (await fixture.Grains.GetTenantGrain(tenant).SetClientSecretAsync(rotated)).After!;
            fixture.Time.Advance(TimeSpan.FromHours(1));

            Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);
            Assert.Equal(1, await Simulator.CounterAsync($"token.refresh_token.{account.AccountId}"));
            Assert.NotEqual(before!.ClientSecretFingerprint, after.ClientSecretFingerprint);
            Assert.True(after.ClientSecretSetAt > before.ClientSecretSetAt);
            Assert.Equal(ConnectionStatus.Connected, (await grain.GetConnectionAsync()).Status);
        }
        finally
        {
            await Simulator.RegisterAppAsync(TenantSecret, $"{ClusterFixture.PublicBaseUrl}/integration-callback");
        }
    }

    [Fact]
    public async Task When_storing_rotated_tokens_fails_no_one_uses_them_and_the_stored_refresh_token_still_works()
    {
        var (_, grain, account) = await scenarios.ConnectedUserAsync();
        var stored = fixture.Storage.StoredJson("connection", grain.GetGrainId());
        fixture.Time.Advance(TimeSpan.FromHours(1));

        fixture.Storage.FailWritesOf(grain.GetGrainId());
        Assert.Equal(ToolCallStatus.Failed, (await ListSpacesAsync(grain)).Status);
        Assert.Equal(stored, fixture.Storage.StoredJson("connection", grain.GetGrainId()));

        // A crash now (storage still failing, so not even the deactivation can save them): the next activation only
        // has what was stored, the previous refresh token, which Atlassian still honours within its reuse leeway.
        await fixture.Cluster.DeactivateAsync(grain);
        fixture.Storage.HealWritesOf(grain.GetGrainId());

        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);
        Assert.Equal(ConnectionStatus.Connected, (await grain.GetConnectionAsync()).Status);
        Assert.Equal(2, await Simulator.CounterAsync($"token.refresh_token.{account.AccountId}"));
        Assert.Equal(0, await Simulator.CounterAsync($"token.reuse_detected.{account.AccountId}"));
    }

    [Fact]
    public async Task Tokens_that_could_not_be_stored_are_saved_when_the_grain_deactivates()
    {
        var (_, grain, account) = await scenarios.ConnectedUserAsync();
        fixture.Time.Advance(TimeSpan.FromHours(1));
        fixture.Storage.FailWritesOf(grain.GetGrainId());
        Assert.Equal(ToolCallStatus.Failed, (await ListSpacesAsync(grain)).Status);
        fixture.Storage.HealWritesOf(grain.GetGrainId());

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);
        Assert.Equal(1, await Simulator.CounterAsync($"token.refresh_token.{account.AccountId}"));
    }

    [Fact]
    public async Task When_storing_fails_without_a_crash_the_tokens_are_stored_before_first_use_and_not_refreshed_again()
    {
        var (_, grain, account) = await scenarios.ConnectedUserAsync();
        fixture.Time.Advance(TimeSpan.FromHours(1));

        fixture.Storage.FailWritesOf(grain.GetGrainId());
        Assert.Equal(ToolCallStatus.Failed, (await ListSpacesAsync(grain)).Status);
        fixture.Storage.HealWritesOf(grain.GetGrainId());

        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);
        Assert.Equal(1, await Simulator.CounterAsync($"token.refresh_token.{account.AccountId}"));
    }

    [Fact]
    public async Task Tokens_and_secrets_are_sealed_at_rest_and_never_logged()
    {
        var (tenant, user) = (await scenarios.NewTenantAsync(), UniqueIds.User());
        var account = await Simulator.CreateAccountAsync();
        var grain = await scenarios.EnrolAsync(tenant, user, account.Email);
        var (code, state) = await Simulator.ConsentAsync(grain, await grain.CreateConnectLinkAsync(), account.Email);
        var nonce = NonceOf(state);
        Assert.True((await grain.CompleteConnectAsync(nonce, code)).Succeeded);
        fixture.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ToolCallStatus.Succeeded, (await ListSpacesAsync(grain)).Status);

        var atRest = fixture.Storage.StoredJson("connection", grain.GetGrainId()) + fixture.Storage.StoredJson("tenant", fixture.Grains.GetTenantGrain(tenant).GetGrainId());
        var logs = fixture.Logs.All;
        Assert.Contains("\"sealedRefreshToken\":\"v1.test-1.", atRest, StringComparison.Ordinal);
        foreach (var text in new[] { atRest, logs })
        {
            Assert.DoesNotContain(TenantSecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
            Assert.DoesNotContain(nonce, text, StringComparison.Ordinal);
            Assert.DoesNotMatch("\\b(at|rt)-[A-Za-z0-9_-]{16,}", text);
        }

        Assert.Contains($"Refreshed the Atlassian access token of {tenant}/{user}", logs, StringComparison.Ordinal);
    }
}
