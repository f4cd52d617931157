using System.Globalization;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;
using Platform.Grains.Security;
using Platform.Demo;

namespace Platform.Benchmarks.Targets;

/// <summary>
/// Seeds a gateway through its grains, as the admin API's services would (one grain call per change), without HTTP:
/// tenants with every tool auto-approved and granted to their users, API keys, and Atlassian connections. A user is
/// connected with real simulator tokens from its consent-and-exchange shortcut, handed to the user's grain as signing in
/// with Atlassian hands them over (sealed for the hop); only the browser's consent page is skipped.
/// </summary>
internal sealed class Seeder(GatewayTarget gateway, SimulatorProcess simulator)
{
    private const string Everyone = "everyone";
    private static readonly RateLimitCeilings Roomy = new(1_000_000, 100_000, 1_000_000, 100_000, 1_000_000, 100_000, 1_000);

    /// <summary>Tells this gateway's Atlassian accounts from other gateways' on the one simulator the run shares.</summary>
    private readonly string accountSuffix = Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// A tenant on the simulator's site whose users may call every tool, with rate limits far above the benchmark's load
    /// (the limiter still admits every call), and an API key per user.
    /// </summary>
    public async Task<IReadOnlyList<SeededUser>> TenantAsync(TenantId tenant, IReadOnlyList<UserId> users)
    {
        var grains = gateway.Grains;
        var governance = grains.GetTenantGovernanceGrain(tenant);
        var registration = grains.GetTenantGrain(tenant);
        await registration.CreateAsync($"Benchmark {tenant}");
        await governance.SetDefaultClassificationAsync(DefaultToolClassification.AutoApproveAll);
        await registration.ConfigureIntegrationAsync(new IntegrationSettings(
            SimulatorProcess.ClientId, Playground.AllScopes, simulator.CloudId, simulator.SiteUrl, CredentialMode.PerUserOAuth, null));
        await registration.SetClientSecretAsync(SimulatorProcess.ClientSecret);
        await registration.ActivateAsync();
        var limits = grains.GetTenantRateLimitGrain(tenant);
        await limits.SetCeilingsAsync(Roomy);
        await limits.SetSettingsAsync(new RateLimitSettings(Roomy.TenantCallsPerMinute, Roomy.TenantBurst, Roomy.UserCallsPerMinute, Roomy.UserBurst,
            Roomy.UserToolCallsPerMinute, Roomy.UserToolBurst, Roomy.MaxConcurrentCallsPerUser));
        foreach (var user in users)
        {
            await governance.CreateUserAsync(new DirectoryUser(user, null, null, true, DirectoryRole.Member));
        }

        await governance.CreateGroupAsync(new DirectoryGroup(Everyone, [.. users.Select(user => user.Value)]));
        await governance.CreateAccessProfileAsync(new AccessProfile(Everyone, [Toolset.AllApproved], [], [Everyone]));
        var seeded = new List<SeededUser>(users.Count);
        foreach (var user in users)
        {
            seeded.Add(new SeededUser(tenant, user, (await governance.IssueApiKeyAsync(user, new ApiKeyIssue("benchmark", null, ApiKeyScopes.Default, ApiKeyIssuers.ForUser(user)))).Token));
        }

        return seeded;
    }

    /// <summary>An Atlassian account for the user and its tokens, minted at the simulator; not yet handed to the gateway.</summary>
    public async Task<AtlassianGrant> GrantAsync(SeededUser user)
    {
        var email = string.Create(CultureInfo.InvariantCulture, $"{user.User}.{user.Tenant}.{accountSuffix}@bench.test");
        var accountId = await simulator.CreateAccountAsync(email);
        return new AtlassianGrant(accountId, email, await simulator.MintAsync(email));
    }

    /// <summary>
    /// Connects the user with <paramref name="grant"/>, as signing in with Atlassian does; <paramref name="expiresAt"/>
    /// overrides when the gateway takes the access token to expire (the expiry storm makes thousands lapse together).
    /// </summary>
    public async Task ConnectAsync(SeededUser user, AtlassianGrant grant, DateTimeOffset? expiresAt = null)
    {
        var context = SecretContexts.ForTenant(user.Tenant, "signin_handoff");
        var tokens = grant.Tokens;
        var handoff = new AtlassianGrantHandoff(
            gateway.Sealer.Seal(tokens.AccessToken, context), tokens.RefreshToken is { } refresh ? gateway.Sealer.Seal(refresh, context) : null,
            expiresAt ?? DateTimeOffset.UtcNow + tokens.Lifetime, tokens.Scopes, grant.AccountId, grant.Email, [simulator.CloudId]);
        var outcome = await gateway.Grains.GetUserConnectionGrain(user.Tenant, user.User).CompleteConnectFromGrantAsync(handoff);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Connecting {user.Tenant}/{user.User} failed: {outcome.Message}");
        }
    }

    /// <summary>
    /// Tenants <c>{prefix}-00000…</c> with <paramref name="usersPerTenant"/> users each, seeded many at a time, and each
    /// user's Atlassian grant minted (not yet handed over, so a caller can choose when the tokens expire).
    /// </summary>
    public async Task<IReadOnlyList<(SeededUser User, AtlassianGrant Grant)>> SeedAsync(string prefix, int tenants, int usersPerTenant)
    {
        var seeded = new SeededUser[tenants * usersPerTenant];
        await Parallel.ForEachAsync(Enumerable.Range(0, tenants), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (t, _) =>
        {
            var tenant = TenantId.Parse(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{t:D5}"));
            var users = Enumerable.Range(0, usersPerTenant).Select(u => UserId.Parse(string.Create(CultureInfo.InvariantCulture, $"u{u:D3}"))).ToList();
            var created = await TenantAsync(tenant, users);
            for (var u = 0; u < created.Count; u++)
            {
                seeded[(t * usersPerTenant) + u] = created[u];
            }
        });
        var grants = new AtlassianGrant[seeded.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, seeded.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (i, _) => grants[i] = await GrantAsync(seeded[i]));
        return [.. seeded.Zip(grants)];
    }

    public Task ConnectAllAsync(IReadOnlyList<(SeededUser User, AtlassianGrant Grant)> users, DateTimeOffset? expiresAt = null) =>
        Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (pair, _) => await ConnectAsync(pair.User, pair.Grant, expiresAt));
}

internal sealed record SeededUser(TenantId Tenant, UserId User, string Key);

internal sealed record AtlassianGrant(string AccountId, string Email, MintedTokens Tokens);
