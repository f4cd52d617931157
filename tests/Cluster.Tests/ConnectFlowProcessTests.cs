using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AtlassianSimulator.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Platform.Cluster.Tests.Infrastructure;

namespace Platform.Cluster.Tests;

/// <summary>
/// The whole connect flow over real HTTP: operator API, the gateway's page naming user and organisation, the Atlassian
/// simulator's consent, the gateway's callback page, with the Api process logging everything at Trace and nothing
/// secret in its output.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ConnectFlowProcessTests
{
    private const string OperatorKey = "flow-operator-key-2b7c";
    private const string ClientSecret = "flow-client-secret-8e4d";
    private static readonly string[] Scopes = ["read:space:confluence", "read:page:confluence", "read:me", "offline_access"];

    [Fact]
    public async Task A_user_connects_through_the_callback_page_and_no_secret_reaches_the_logs()
    {
        await using var simulator = SimulatorHost.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Seed:Pages=10"]);
        await simulator.StartAsync();
        var simulatorUrl = simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(simulatorUrl) };
        var state = await browser.GetFromJsonAsync<JsonElement>("/_sim/state");
        var site = state.GetProperty("sites")[0];
        var email = state.GetProperty("users")[0].GetProperty("email").GetString()!;

        var apiPort = FreePorts.Next();
        var callback = $"http://127.0.0.1:{apiPort}/integration-callback";
        (await browser.PostAsJsonAsync("/_sim/apps", new { clientId = "flow-app", clientSecret = ClientSecret, callbackUrl = callback, scopes = Scopes })).EnsureSuccessStatusCode();

        await using var api = await PlatformProcess.StartEmbeddedApiAsync(apiPort, OperatorKey, new Dictionary<string, string>
        {
            ["Atlassian__AuthBaseUrl"] = $"{simulatorUrl}/auth/",
            ["Atlassian__ApiBaseUrl"] = $"{simulatorUrl}/api/",
            ["PublicEndpoint__BaseUrl"] = $"http://127.0.0.1:{apiPort}",
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__LogLevel__Orleans"] = "Trace",
        });
        using var admin = new HttpClient { BaseAddress = api.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);

        (await admin.PostAsJsonAsync("/admin/v1/tenants", new { id = "flow", displayName = "Flow" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/admin/v1/tenants/flow/integration", new
        {
            clientId = "flow-app",
            scopes = Scopes,
            cloudId = site.GetProperty("cloudId").GetString(),
            siteUrl = site.GetProperty("url").GetString(),
        })).EnsureSuccessStatusCode();
        var secretSet = await admin.PutAsJsonAsync("/admin/v1/tenants/flow/integration/client-secret", new { value = ClientSecret });
        var integration = await secretSet.Content.ReadAsStringAsync();
        (await admin.PostAsJsonAsync("/admin/v1/tenants/flow/users", new { id = "alice", email })).EnsureSuccessStatusCode();
        var link = (await (await admin.PostAsync(new Uri("/admin/v1/tenants/flow/users/alice/connect-link", UriKind.Relative), null))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        using var gatewayBrowser = new HttpClient();
        // Before anyone consents, the link's page says whose account is connected, where, and who must not continue.
        var connectPage = await gatewayBrowser.GetStringAsync(new Uri(link));
        var callbackUrl = await ConnectLinks.ConsentAsync(new Uri(link), browser, email);
        using var page = await gatewayBrowser.GetAsync(callbackUrl);
        using var replay = await gatewayBrowser.GetAsync(callbackUrl);
        var connection = await admin.GetFromJsonAsync<JsonElement>(new Uri("/admin/v1/tenants/flow/users/alice/connection", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, secretSet.StatusCode);
        Assert.Contains("<dt>Gateway user</dt><dd>alice</dd>", connectPage, StringComparison.Ordinal);
        Assert.Contains("<dt>Organisation</dt><dd>Flow (flow)</dd>", connectPage, StringComparison.Ordinal);
        Assert.Contains("Continue only if you are alice; if someone sent you this link, close this page.", connectPage, StringComparison.Ordinal);
        Assert.Contains("clientSecretFingerprint\":\"sha256:", integration, StringComparison.Ordinal);
        Assert.Contains($"\"callbackUrl\":\"{callback}\"", integration, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, integration, StringComparison.Ordinal);
        Assert.StartsWith(callback, callbackUrl.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var connected = await page.Content.ReadAsStringAsync();
        Assert.Contains("Connected to Atlassian", connected, StringComparison.Ordinal);
        Assert.Contains("<dd>alice</dd>", connected, StringComparison.Ordinal);
        Assert.Contains("<dd>Flow (flow)</dd>", connected, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("not valid", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Connected", connection.GetProperty("status").GetString());

        var query = QueryHelpers.ParseQuery(callbackUrl.Query);
        var nonce = query["state"].ToString().Split('.')[^1];
        var output = api.Output;
        Assert.Contains("Atlassian connect for flow/alice: succeeded=True", output, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(OperatorKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, output, StringComparison.Ordinal);
        Assert.DoesNotContain(query["code"].ToString(), output, StringComparison.Ordinal);
        Assert.DoesNotMatch("\\b(at|rt)-[A-Za-z0-9_-]{16,}", output);
    }
}
