using System.Net;
using System.Net.Http.Json;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

/// <summary>Rate limits, injected faults and counters.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class TrafficControlTests(SimulatorFixture sim) : IAsyncLifetime
{
    private string _token = "";

    public async Task InitializeAsync()
    {
        await sim.ResetAsync();
        _token = await sim.AccessTokenAsync();
    }

    public Task DisposeAsync() => sim.ResetAsync();

    private Task<HttpResponseMessage> GetSpaces() => sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/spaces"), _token);

    [Fact]
    public async Task Hourly_quota_answers_429_with_retry_after_and_rate_limit_headers()
    {
        var spaceId = (await sim.GetJsonAsync("/_sim/state")).GetProperty("sites")[0].GetProperty("spaces")[0].GetProperty("id").GetString();
        Task<HttpResponseMessage> GetSpace() => sim.SendAsync(HttpMethod.Get, sim.Api($"/api/v2/spaces/{spaceId}"), _token);
        (await sim.Http.PutAsJsonAsync("/_sim/ratelimit", new { hourlyPoints = 3, burstPerSecond = 0 })).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await GetSpace();
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal($"\"tenant-app-quota\";q=3;w=3600", ok.Headers.GetValues("Beta-Ratelimit-Policy").Single());
            Assert.StartsWith($"\"tenant-app-quota\";r={2 - i};t=", ok.Headers.GetValues("Beta-Ratelimit").Single(), StringComparison.Ordinal);
        }
        using var limited = await GetSpace();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Equal("3", limited.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.True(limited.Headers.Contains("X-RateLimit-Reset"));
        Assert.True(limited.Headers.Contains("X-Beta-Ratelimit-Reset"));

        sim.Time.Advance(TimeSpan.FromHours(1));
        _token = await sim.AccessTokenAsync();
        using var nextHour = await GetSpace();
        Assert.Equal(HttpStatusCode.OK, nextHour.StatusCode);
    }

    [Fact]
    public async Task Reads_cost_one_point_per_object_returned()
    {
        (await sim.Http.PutAsJsonAsync("/_sim/ratelimit", new { hourlyPoints = 100, burstPerSecond = 0 })).EnsureSuccessStatusCode();
        (await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/pages?limit=10"), _token)).Dispose();
        using var next = await GetSpaces();
        // 1 + 10 points for the list, then 1 for this call.
        Assert.StartsWith("\"tenant-app-quota\";r=88;", next.Headers.GetValues("Beta-Ratelimit").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Burst_limit_answers_429_within_one_second()
    {
        (await sim.Http.PutAsJsonAsync("/_sim/ratelimit", new { hourlyPoints = 0, burstPerSecond = 2 })).EnsureSuccessStatusCode();
        (await GetSpaces()).Dispose();
        (await GetSpaces()).Dispose();
        using var limited = await GetSpaces();
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter!.Delta);
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        using var later = await GetSpaces();
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task Too_many_parallel_calls_answer_429()
    {
        (await sim.Http.PutAsJsonAsync("/_sim/ratelimit", new { hourlyPoints = 0, burstPerSecond = 0, maxConcurrent = 2 })).EnsureSuccessStatusCode();
        await sim.SetFaultsAsync(new { latencyMs = 300 });
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => GetSpaces()));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Array.ForEach(responses, r => r.Dispose());
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 2 + 1, string.Join(",", statuses));
        Assert.True(await sim.CounterAsync("ratelimit.concurrency.429") > 0);
    }

    [Fact]
    public async Task Storm_answers_429_for_the_next_n_requests()
    {
        await sim.SetFaultsAsync(new { rateLimitStormRequests = 2, retryAfterSeconds = 7 });
        for (var i = 0; i < 2; i++)
        {
            using var limited = await GetSpaces();
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter!.Delta);
        }
        using var ok = await GetSpaces();
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, await sim.CounterAsync("fault.429"));
    }

    [Fact]
    public async Task Error_rate_one_fails_every_request_with_the_chosen_status()
    {
        await sim.SetFaultsAsync(new { errorRate = 1.0, errorStatus = 503, retryAfterSeconds = 2 });
        using var failed = await GetSpaces();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), failed.Headers.RetryAfter!.Delta);
        await sim.SetFaultsAsync(new { errorRate = 0.5 });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await GetSpaces();
            statuses.Add(response.StatusCode);
        }
        Assert.Contains(HttpStatusCode.InternalServerError, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact]
    public async Task Counters_count_requests_per_operation()
    {
        (await sim.Http.DeleteAsync("/_sim/counters")).EnsureSuccessStatusCode();
        (await GetSpaces()).Dispose();
        (await GetSpaces()).Dispose();
        (await sim.SendAsync(HttpMethod.Get, sim.Api("/rest/api/search?cql=type%3Dpage"), _token)).Dispose();
        Assert.Equal(2, await sim.CounterAsync("api.getSpaces"));
        Assert.Equal(1, await sim.CounterAsync("api.v1.search"));
    }
}
