using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Grains.Connections;

namespace Platform.Grains.Tests;

/// <summary>Drives the Atlassian simulator's control plane and plays the person in the browser during consent.</summary>
public sealed class SimulatorClient : IDisposable
{
    public const string ClientId = "gateway-tests";

    /// <summary>The app's client secret at Atlassian until a test rotates it.</summary>
    public const string InitialSecret = "initial-secret-9d1f";

    public static readonly string[] Scopes = ["read:space:confluence", "read:page:confluence", "write:page:confluence", "read:me", "offline_access"];

    private readonly HttpClient http;

    private SimulatorClient(HttpClient http, string cloudId, Uri siteUrl)
    {
        this.http = http;
        CloudId = cloudId;
        SiteUrl = siteUrl;
    }

    public Uri BaseUrl => http.BaseAddress!;

    public string CloudId { get; }

    public Uri SiteUrl { get; }

    public static async Task<SimulatorClient> CreateAsync(Uri baseUrl, string gatewayBaseUrl)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        var state = await http.GetFromJsonAsync<JsonElement>("/_sim/state");
        var site = state.GetProperty("sites")[0];
        var client = new SimulatorClient(http, site.GetProperty("cloudId").GetString()!, new Uri($"{baseUrl.AbsoluteUri.TrimEnd('/')}/site/{site.GetProperty("name").GetString()}"));
        await client.RegisterAppAsync(InitialSecret, $"{gatewayBaseUrl}/integration-callback");
        return client;
    }

    /// <summary>Registers (or re-registers, e.g. after a secret rotation at Atlassian) the gateway's OAuth app.</summary>
    public async Task RegisterAppAsync(string clientSecret, string callbackUrl)
    {
        using var response = await http.PostAsJsonAsync("/_sim/apps", new { clientId = ClientId, clientSecret, callbackUrl, scopes = Scopes, name = "Gateway tests" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A fresh Atlassian account on the seeded site; returns its email and account id.</summary>
    public async Task<(string Email, string AccountId, string ApiToken)> CreateAccountAsync(IReadOnlyList<string>? sites = null)
    {
        var email = $"u{Guid.NewGuid():N}@example.test";
        var apiToken = $"api-token-{Guid.NewGuid():N}";
        using var response = await http.PostAsJsonAsync("/_sim/users", new { email, displayName = "Test User", apiToken, sites, groupIds = Array.Empty<string>() });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (email, created.GetProperty("accountId").GetString()!, apiToken);
    }

    public async Task<string> CreateSiteAsync()
    {
        using var response = await http.PostAsJsonAsync("/_sim/sites", new { name = $"other-{Guid.NewGuid():N}"[..20] });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString()!;
    }

    /// <summary>
    /// Follows a connect link as the account's owner would: past the gateway's page (which sends the person on to the
    /// consent URL its issuing grain describes), consents, and returns the callback's code and state.
    /// </summary>
    public async Task<(string Code, string State)> ConsentAsync(IUserConnectionGrain issuer, ConnectLink connectLink, string email)
    {
        Assert.True(ConnectState.TryParse(QueryHelpers.ParseQuery(connectLink.Url.Query)["state"], out _, out _, out var nonce));
        var details = await issuer.DescribeConnectLinkAsync(nonce) ?? throw new InvalidOperationException("The connect link is not pending.");
        var authorize = QueryHelpers.AddQueryString(details.AuthorizeUrl.ToString(), "login_hint", email);
        using var response = await http.GetAsync(new Uri(authorize));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        return (query["code"].ToString(), query["state"].ToString());
    }

    public async Task RevokeGrantsAsync(string accountId)
    {
        using var response = await http.PostAsJsonAsync("/_sim/grants/revoke", new { accountId, clientId = ClientId });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A counter of the simulator, e.g. <c>token.refresh_token.{accountId}</c> (successful refreshes of one account).</summary>
    public async Task<long> CounterAsync(string name)
    {
        var counters = await http.GetFromJsonAsync<Dictionary<string, long>>("/_sim/counters");
        return counters!.GetValueOrDefault(name);
    }

    /// <summary>Holds every API request for <paramref name="latencyMs"/> and admits at most <paramref name="maxConcurrent"/> at once per site and app; 0 and 0 restore.</summary>
    public async Task SetLatencyAndConcurrencyCapAsync(int latencyMs, int maxConcurrent)
    {
        (await http.PutAsJsonAsync("/_sim/faults", new { latencyMs })).EnsureSuccessStatusCode();
        var limits = await http.GetFromJsonAsync<Dictionary<string, JsonElement>>("/_sim/ratelimit");
        limits!["maxConcurrent"] = JsonSerializer.SerializeToElement(maxConcurrent);
        (await http.PutAsJsonAsync("/_sim/ratelimit", limits)).EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}
