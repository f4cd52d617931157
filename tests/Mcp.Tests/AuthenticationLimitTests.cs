using System.Net;
using System.Text.Json;
using Platform.Grains.ApiKeys;
using Platform.Grains.Identity;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>Issue 11, path 8: refused credentials are limited per client address, with 429, Retry-After and a problem body.</summary>
[Collection(AuthenticationLimitCollection.Name)]
public sealed class AuthenticationLimitTests(AuthenticationLimitFixture gateway)
{
    [Fact]
    public async Task An_address_that_keeps_sending_bad_keys_is_answered_429_and_others_are_not()
    {
        var alice = await gateway.ConnectedUserAsync();
        var unknown = TenantId.Parse($"nobody-{Guid.NewGuid():N}"[..24]);
        var guess = ApiKeyToken.Format(ApiKeyToken.NewKeyId(), ApiKeyToken.NewSecret());
        using var attacker = LoopbackClients.From("127.0.0.3");
        using var bystander = LoopbackClients.From("127.0.0.4");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < AuthenticationLimitFixture.Limit; i++)
        {
            using var refused = await attacker.SendAsync(RawMcp.Post(gateway.McpUrl(i % 2 == 0 ? alice.Tenant : unknown), RawMcp.ListTools, guess));
            answers.Add(refused.StatusCode);
        }

        using var limited = await attacker.SendAsync(RawMcp.Post(gateway.McpUrl(unknown), RawMcp.ListTools, guess));
        using var limitedEvenWithTheRightKey = await attacker.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.Initialize, alice.Key));
        using var otherAddress = await bystander.SendAsync(RawMcp.Post(gateway.McpUrl(alice.Tenant), RawMcp.Initialize, alice.Key));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = JsonSerializer.Deserialize<JsonElement>(await limited.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("refused", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedEvenWithTheRightKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
    }

    [Fact]
    public async Task Requests_without_credentials_are_not_failures()
    {
        var tenant = await gateway.NewTenantAsync();
        using var client = LoopbackClients.From("127.0.0.5");

        for (var i = 0; i < AuthenticationLimitFixture.Limit * 2; i++)
        {
            // What an OAuth client does first: ask without a token and read the challenge.
            using var discovery = await client.SendAsync(RawMcp.Post(gateway.McpUrl(tenant), RawMcp.ListTools));
            Assert.Equal(HttpStatusCode.Unauthorized, discovery.StatusCode);
        }
    }
}
