using System.Net.Http.Json;
using System.Text.Json;
using Platform.Benchmarks.Measure;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Demo;

namespace Platform.Benchmarks.Targets;

/// <summary>
/// The Atlassian simulator in a process of its own (quota off, so a load test never meets the hourly points), and what
/// the benchmark asks of its control plane: an app, accounts, tokens through its consent-and-exchange shortcut, counters.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    public const string ClientId = "gateway-bench";
    public const string ClientSecret = "gateway-bench-secret-not-for-production";

    private readonly PlatformProcess process;

    private SimulatorProcess(PlatformProcess process, HttpClient control, string cloudId, Uri siteUrl, string pageId, int pageBytes)
    {
        this.process = process;
        Control = control;
        CloudId = cloudId;
        SiteUrl = siteUrl;
        PageId = pageId;
        PageBytes = pageBytes;
    }

    public Uri BaseUrl => process.BaseAddress;

    /// <summary>The simulator's runtime counters: what the direct baseline costs it.</summary>
    public required RuntimeCounters Counters { get; init; }

    public HttpClient Control { get; }

    public string CloudId { get; }

    public Uri SiteUrl { get; }

    /// <summary>The page every get_page call reads: the seeded page whose storage body is nearest 1.5 KB.</summary>
    public string PageId { get; }

    public int PageBytes { get; }

    public Uri AuthUrl => new(BaseUrl, "/auth/");

    public Uri ApiUrl => new(BaseUrl, "/api/");

    /// <summary>The Confluence read a get_page call makes, as the gateway sends it.</summary>
    public Uri PageUrl => new(BaseUrl, $"/api/ex/confluence/{CloudId}/wiki/api/v2/pages/{PageId}?body-format=storage");

    public static async Task<SimulatorProcess> StartAsync(Uri gatewayCallbackBase, int accessTokenLifetimeSeconds = 3600)
    {
        var process = PlatformProcess.Start(SimulatorPath.Assembly, FreePorts.Next(), new Dictionary<string, string>
        {
            ["Seed__Pages"] = "40",
            ["RateLimit__HourlyPoints"] = "0",
            ["OAuth__AccessTokenLifetimeSeconds"] = accessTokenLifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        var control = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = process.BaseAddress };
        await WaitUntilAnsweringAsync(process, control);
        using (var registered = await control.PostAsJsonAsync("/_sim/apps", new
        {
            clientId = ClientId,
            clientSecret = ClientSecret,
            callbackUrl = new Uri(gatewayCallbackBase, "integration-callback").AbsoluteUri,
            scopes = Playground.AllScopes,
            name = "Confluence MCP gateway (benchmark)",
        }))
        {
            registered.EnsureSuccessStatusCode();
        }

        var site = (await control.GetFromJsonAsync<JsonElement>("/_sim/state")).GetProperty("sites")[0];
        var cloudId = site.GetProperty("cloudId").GetString()!;
        var siteUrl = new Uri($"{process.BaseAddress.AbsoluteUri}site/{site.GetProperty("name").GetString()}");
        var (pageId, pageBytes) = await PageNearestAsync(control, cloudId, 1536);
        return new SimulatorProcess(process, control, cloudId, siteUrl, pageId, pageBytes) { Counters = RuntimeCounters.Attach(process.Pid) };
    }

    /// <summary>A new Atlassian account on the site; its account id.</summary>
    public async Task<string> CreateAccountAsync(string email)
    {
        using var response = await Control.PostAsJsonAsync("/_sim/users", new { email, displayName = email, apiToken = $"t-{email}", groupIds = Array.Empty<string>() });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountId").GetString()!;
    }

    /// <summary>
    /// Consent plus code exchange in one control call (the simulator's shortcut): the same tokens the 3LO dance would
    /// hand the gateway, minted for the benchmark's app.
    /// </summary>
    public async Task<MintedTokens> MintAsync(string email)
    {
        using var response = await Control.PostAsJsonAsync("/_sim/tokens", new { email, clientId = ClientId });
        response.EnsureSuccessStatusCode();
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new MintedTokens(
            tokens.GetProperty("access_token").GetString()!,
            tokens.GetProperty("refresh_token").GetString(),
            TimeSpan.FromSeconds(tokens.GetProperty("expires_in").GetInt32()),
            tokens.GetProperty("scope").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public async Task<IReadOnlyDictionary<string, long>> CountersAsync() =>
        await Control.GetFromJsonAsync<Dictionary<string, long>>("/_sim/counters") ?? [];

    public async ValueTask DisposeAsync()
    {
        await Counters.DisposeAsync();
        Control.Dispose();
        await process.DisposeAsync();
    }

    private static async Task WaitUntilAnsweringAsync(PlatformProcess process, HttpClient control)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The simulator exited before it answered:\n{process.Output}");
            }

            try
            {
                using var answer = await control.GetAsync("/_sim/clock");
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The simulator did not answer within a minute:\n{process.Output}");
    }

    /// <summary>The seeded page whose storage body is nearest <paramref name="bytes"/>, read as alice (who sees every space).</summary>
    private static async Task<(string Id, int Bytes)> PageNearestAsync(HttpClient control, string cloudId, int bytes)
    {
        using var minted = await control.PostAsJsonAsync("/_sim/tokens", new { email = "alice@example.com" });
        minted.EnsureSuccessStatusCode();
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/ex/confluence/{cloudId}/wiki/api/v2/pages?limit=250&body-format=storage");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await control.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var pages = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray()
            .Select(page => (Id: page.GetProperty("id").GetString()!, Bytes: System.Text.Encoding.UTF8.GetByteCount(page.GetProperty("body").GetProperty("storage").GetProperty("value").GetString() ?? "")));
        return pages.MinBy(page => Math.Abs(page.Bytes - bytes));
    }
}

internal sealed record MintedTokens(string AccessToken, string? RefreshToken, TimeSpan Lifetime, IReadOnlyList<string> Scopes);
