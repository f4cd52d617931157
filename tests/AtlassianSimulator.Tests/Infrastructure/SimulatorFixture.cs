using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtlassianSimulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AtlassianSimulator.Tests.Infrastructure;

/// <summary>One simulator on a free loopback port, shared by every test; time is a FakeTimeProvider.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public const string Alice = "alice@example.com";
    public const string Bob = "bob@example.com";

    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });
    public string BaseUrl { get; private set; } = "";
    public string CloudId { get; private set; } = "";
    public string SiteName { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _app = SimulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Seed:Pages=40", "--Seed:Spaces=3"], Time);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        Http.BaseAddress = new Uri(BaseUrl);
        await ResetAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Reseeds and clears faults, counters, limits and the clock offset.</summary>
    public async Task ResetAsync()
    {
        (await Http.PostAsync("/_sim/reset", null)).EnsureSuccessStatusCode();
        var state = await GetJsonAsync("/_sim/state");
        var site = state.GetProperty("sites")[0];
        CloudId = site.GetProperty("cloudId").GetString()!;
        SiteName = site.GetProperty("name").GetString()!;
    }

    public string Api(string wikiPath) => $"{BaseUrl}/api/ex/confluence/{CloudId}/wiki{wikiPath}";

    public string Site(string wikiPath) => $"{BaseUrl}/site/{SiteName}/wiki{wikiPath}";

    public async Task<JsonElement> GetJsonAsync(string url, string? token = null)
    {
        using var response = await SendAsync(HttpMethod.Get, url, token);
        response.EnsureSuccessStatusCode();
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await Http.SendAsync(request);
    }

    /// <summary>Tokens for a seeded user through the control shortcut (consent + code exchange).</summary>
    public async Task<JsonElement> TokensAsync(string email, params string[] scopes)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/tokens", new { email, scopes = scopes.Length == 0 ? null : scopes });
        response.EnsureSuccessStatusCode();
        return await ReadJsonAsync(response);
    }

    public async Task<string> AccessTokenAsync(string email = Alice, params string[] scopes) =>
        (await TokensAsync(email, scopes)).GetProperty("access_token").GetString()!;

    public async Task SetFaultsAsync(object settings) => (await Http.PutAsJsonAsync("/_sim/faults", settings)).EnsureSuccessStatusCode();

    public async Task<long> CounterAsync(string name)
    {
        var counters = await GetJsonAsync("/_sim/counters");
        return counters.TryGetProperty(name, out var value) ? value.GetInt64() : 0;
    }
}

[CollectionDefinition(Name)]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>
{
    public const string Name = "simulator";
}
