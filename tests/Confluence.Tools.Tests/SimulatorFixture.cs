using System.Net.Http.Json;
using System.Text.Json;
using AtlassianSimulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Platform.Confluence.Tools.Tests;

/// <summary>One in-process simulator on a free loopback port for all tests; tests use their own ids, so none resets it.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private WebApplication? app;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public HttpClient Http { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public string CloudId { get; private set; } = "";

    public string SiteName { get; private set; } = "";

    public async Task InitializeAsync()
    {
        app = SimulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Seed:Pages=40", "--Seed:Spaces=3",
            "--RateLimit:HourlyPoints=0"], Time);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var state = await Http.GetFromJsonAsync<JsonElement>($"{BaseUrl}/_sim/state");
        var site = state.GetProperty("sites")[0];
        CloudId = site.GetProperty("cloudId").GetString()!;
        SiteName = site.GetProperty("name").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>A transport for a user holding the given scopes (default: every scope of the default app).</summary>
    public async Task<HttpConfluenceApi> ApiAsync(string email = "alice@example.com", IReadOnlyList<string>? scopes = null)
    {
        using var response = await Http.PostAsJsonAsync($"{BaseUrl}/_sim/tokens", new { email, scopes });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        var site = new AccessibleSite(CloudId, $"https://{SiteName}.atlassian.net", SiteName, scopes ?? []);
        return new HttpConfluenceApi(Http, BaseUrl, CloudId, token, [site]);
    }

    /// <summary>A transport whose token holds exactly the scopes the tool declares, proving they are enough.</summary>
    public Task<HttpConfluenceApi> ApiWithScopesOfAsync(string tool) =>
        ApiAsync(scopes: ToolCatalog.Default.Find(tool)!.Definition.Scopes is { Count: > 0 } scopes ? scopes : null);

    public async Task<Dictionary<string, long>> CountersAsync() =>
        (await Http.GetFromJsonAsync<Dictionary<string, long>>($"{BaseUrl}/_sim/counters"))!;

    public async Task SetFaultsAsync(object faults) =>
        (await Http.PutAsJsonAsync($"{BaseUrl}/_sim/faults", faults)).EnsureSuccessStatusCode();
}
