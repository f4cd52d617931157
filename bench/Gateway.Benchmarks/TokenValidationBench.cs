using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Api.Mcp;
using Platform.Api.OAuth;
using Platform.Demo;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.OAuth;

namespace Platform.Benchmarks;

/// <summary>
/// What checking a bearer credential costs a call on the Api tier: an OAuth access token (ES256 signature, issuer,
/// audience, lifetime, then the cached grant and client check) next to an API key (hash, then the cached key check), each
/// validated many times in the embedded gateway after a warm-up. The grant check's grain hop happens once per
/// <c>OAuth:GrantCheckInterval</c>; the figure is the per-call cost between those hops.
/// </summary>
public static class TokenValidationBench
{
    public static async Task RunAsync(int iterations)
    {
        await using var playground = await Playground.StartAsync(apiArguments: ["--Logging:LogLevel:Default", "Error", "--OAuth:GrantCheckInterval", "00:01:00", "--Mcp:ApiKeyCacheDuration", "00:00:05"]);
        var tenant = await playground.CreateTenantAsync(TenantId.Parse($"bench-{Guid.NewGuid():N}"[..20]), "Benchmark");
        await playground.ActivateWithAllToolsAsync(tenant);
        var user = UserId.Parse("bench-user");
        await playground.AddUserAsync(tenant, user);
        var key = await playground.IssueKeyAsync(tenant, user);
        var accessToken = await IssueAccessTokenAsync(playground, tenant, user);
        var services = playground.ApiServices;
        var tokens = services.GetRequiredService<AccessTokenValidator>();
        var keys = services.GetRequiredService<ApiKeyVerifier>();

        var oauth = await MeasureAsync(iterations, async () => await tokens.ValidateAsync(tenant, accessToken, CancellationToken.None) is not null);
        var apiKey = await MeasureAsync(iterations, async () => await keys.VerifyAsync(tenant, key) is not null);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bearer validation on the Api tier, {iterations} calls each after warm-up, one caller, {Environment.ProcessorCount} cores"));
        Console.WriteLine("| credential | mean µs | p50 µs | p99 µs |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Console.WriteLine(oauth.Row("OAuth access token (ES256 JWT, grant cached)"));
        Console.WriteLine(apiKey.Row("API key (SHA-256, key cached)"));
    }

    /// <summary>
    /// A token as the tenant's authorization server issues it, for a grant stored in the user's grants grain: the same
    /// keys, claims, type and lifetime, without driving a browser through sign-in.
    /// </summary>
    private static async Task<string> IssueAccessTokenAsync(Playground playground, TenantId tenant, UserId user)
    {
        var services = playground.ApiServices;
        var urls = services.GetRequiredService<TenantUrls>();
        var clientId = "bench-client";
        await playground.Grains.GetOAuthClientRegistryGrain(tenant).RegisterAsync(
            OAuthClients.Public(clientId, "Benchmark", ["http://127.0.0.1:1/callback"], ClientRegistration.PreRegistered, DateTimeOffset.UtcNow));
        var authorization = new OAuthAuthorizationEntry
        {
            Id = OAuthEntryIds.New(user), ApplicationId = clientId, Subject = user.Value, Status = "valid", Type = "permanent",
            Scopes = [OAuthScopes.Read, OAuthScopes.Write], CreationDate = DateTimeOffset.UtcNow,
        };
        await playground.Grains.GetOAuthGrantsGrain(tenant, user).CreateAuthorizationAsync(authorization);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = urls.Issuer(tenant).AbsoluteUri,
            Audience = urls.Resource(tenant).AbsoluteUri,
            TokenType = "at+jwt",
            Expires = DateTime.UtcNow.AddMinutes(15),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = user.Value, ["client_id"] = clientId, ["oi_au_id"] = authorization.Id, ["scope"] = $"{OAuthScopes.Read} {OAuthScopes.Write}",
            },
            SigningCredentials = new SigningCredentials(services.GetRequiredService<OAuthSigningKeys>().SigningKeys[0], SecurityAlgorithms.EcdsaSha256),
        });
    }

    private static async Task<Timings> MeasureAsync(int iterations, Func<Task<bool>> validate)
    {
        for (var i = 0; i < Math.Min(iterations, 5_000); i++)
        {
            if (!await validate())
            {
                throw new InvalidOperationException("The credential did not validate.");
            }
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await validate();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(samples);
        return new Timings(samples.Average(), samples[samples.Length / 2], samples[(int)(samples.Length * 0.99)]);
    }

    private sealed record Timings(double Mean, double P50, double P99)
    {
        public string Row(string name) => string.Create(CultureInfo.InvariantCulture, $"| {name} | {Mean:F1} | {P50:F1} | {P99:F1} |");
    }
}
