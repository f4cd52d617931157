using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Platform.Cluster.Tests.Infrastructure;

namespace Platform.Cluster.Tests;

/// <summary>The Api as a real process over loopback HTTP, in both hosting modes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiProcessTests(PostgresFixture postgres)
{
    private const string OperatorKey = "test-operator-key-7f3a";

    [Fact]
    public async Task Embedded_mode_needs_no_configuration_says_state_is_in_memory_and_reaches_a_grain()
    {
        await using var api = await PlatformProcess.StartEmbeddedApiAsync(FreePorts.Next(), OperatorKey);

        Assert.Contains("state is in memory", api.Output, StringComparison.Ordinal);
        Assert.Contains("development key generated for this process", api.Output, StringComparison.Ordinal);
        Assert.Contains("only the newest 100000 rows or 64 MiB are kept", api.Output, StringComparison.Ordinal);
        Assert.Contains(api.BaseAddress.ToString().TrimEnd('/'), api.Output, StringComparison.Ordinal);
        await AssertTenantRoundTripAsync(api.BaseAddress);
        Assert.DoesNotContain(OperatorKey, api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_port_taken_by_another_process_stops_an_embedded_Api_with_one_line_instead_of_sharing_it()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => PlatformProcess.StartEmbeddedApiAsync(
            FreePorts.Next(), OperatorKey, new Dictionary<string, string> { ["Hosting__SiloPort"] = taken }));

        Assert.Contains($"Port {taken} is already in use on 127.0.0.1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("exited with 1", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_mode_api_joins_through_the_membership_table_and_readiness_follows_the_cluster()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var silo = await cluster.StartSiloAsync();
        var api = await cluster.StartApiAsync(new Dictionary<string, string> { ["Admin__OperatorKey"] = OperatorKey });

        Assert.Contains("cluster mode", api.Output, StringComparison.Ordinal);
        await AssertTenantRoundTripAsync(api.BaseAddress);

        await silo.Process.KillAsync();
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.Holds(async () =>
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Outside_development_a_cluster_mode_api_without_audit_roles_and_chain_keys_refuses_to_start_and_says_why()
    {
        var database = await postgres.CreateMigratedDatabaseWithRolesAsync();
        await using var api = PlatformProcess.Start(BuildPaths.ApiAssembly, FreePorts.Next(), new Dictionary<string, string>
        {
            ["Hosting__Mode"] = "Cluster",
            ["Hosting__PostgresConnectionString"] = database.Orleans,
            ["Security__KeyRing__ActiveKeyId"] = "k1",
            ["Security__KeyRing__Keys__k1"] = Convert.ToBase64String(new byte[32]),
            // Cluster TLS is not what this test is about.
            ["Hosting__Tls__Enabled"] = "false",
        });

        await Eventually.Holds(() =>
        {
            Assert.True(api.HasExited);
            return Task.CompletedTask;
        }, timeoutSeconds: 60);

        Assert.Contains("Audit:WriterConnectionString", api.Output, StringComparison.Ordinal);
        Assert.Contains("Audit:ReaderConnectionString", api.Output, StringComparison.Ordinal);
        Assert.Contains("Audit:ChainKeys", api.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(database.Options.OrleansPassword!, api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_api_refuses_missing_and_wrong_keys_and_bad_input_changes_nothing()
    {
        await using var api = await PlatformProcess.StartEmbeddedApiAsync(FreePorts.Next(), OperatorKey);
        using var anonymous = new HttpClient { BaseAddress = api.BaseAddress };
        using var wrongKey = Client(api.BaseAddress, "not-the-key");
        using var operatorClient = Client(api.BaseAddress, OperatorKey);
        var body = new { id = "acme-auth", displayName = "Acme" };

        var noKey = await anonymous.PostAsJsonAsync("/admin/v1/tenants", body);
        var badKey = await wrongKey.PostAsJsonAsync("/admin/v1/tenants", body);
        var badId = await operatorClient.PostAsJsonAsync("/admin/v1/tenants", new { id = "Acme Corp!", displayName = "Acme" });
        var blankName = await operatorClient.PostAsJsonAsync("/admin/v1/tenants", new { id = "acme-blank", displayName = " " });

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("Bearer", noKey.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal("application/problem+json", badId.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, blankName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(new Uri("/admin/v1/tenants/acme-auth", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(new Uri("/admin/v1/tenants/acme-blank", UriKind.Relative))).StatusCode);
    }

    private static async Task AssertTenantRoundTripAsync(Uri baseAddress)
    {
        using var http = Client(baseAddress, OperatorKey);
        var id = $"t-{Guid.NewGuid():N}"[..30];

        var created = await http.PostAsJsonAsync("/admin/v1/tenants", new { id, displayName = "Acme Corp" });
        var duplicate = await http.PostAsJsonAsync("/admin/v1/tenants", new { id, displayName = "Other" });
        var read = await http.GetFromJsonAsync<JsonElement>(new Uri($"/admin/v1/tenants/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/admin/v1/tenants/{id}", created.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(id, read.GetProperty("id").GetString());
        Assert.Equal("Acme Corp", read.GetProperty("displayName").GetString());
        Assert.Equal("Created", read.GetProperty("status").GetString());
    }

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
