using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Cluster.Tests.Infrastructure;

namespace Platform.Cluster.Tests;

/// <summary>Admin changes in the tenant's audit log record the before and after their own grain call saw, whatever runs beside them.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class AdminChangeAuditTests(EmbeddedApiFixture fixture)
{
    [Fact]
    public async Task Concurrent_changes_each_record_the_state_their_own_change_replaced()
    {
        var tenant = await fixture.NewTenantAsync();
        using var http = fixture.Client();
        (await http.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = "bob" })).EnsureSuccessStatusCode();

        var toggles = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            http.PostAsync(new Uri($"/admin/v1/tenants/{tenant}/users/bob/{(i % 2 == 0 ? "disable" : "enable")}", UriKind.Relative), null)));
        var finallyEnabled = (await http.GetFromJsonAsync<JsonElement>(new Uri($"/admin/v1/tenants/{tenant}/users/bob", UriKind.Relative))).GetProperty("enabled").GetBoolean();
        var page = await http.GetFromJsonAsync<JsonElement>(new Uri($"/admin/v1/tenants/{tenant}/audit?kind=AdminAction&limit=1000", UriKind.Relative));

        Assert.All(toggles, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var rows = page.GetProperty("entries").EnumerateArray()
            .Where(row => row.GetProperty("operation").GetString() is "user.enable" or "user.disable")
            .Select(row => (
                Operation: row.GetProperty("operation").GetString(),
                Before: Enabled(row.GetProperty("before")),
                After: Enabled(row.GetProperty("after"))))
            .ToList();
        Assert.Equal(40, rows.Count);
        Assert.All(rows, row => Assert.Equal(row.Operation == "user.enable", row.After));
        // The rows are the steps of one history from enabled to the final state: every switch-off but the last is
        // undone by a switch-on. A "before" read beside the change, not from it, would record switches that never were.
        var switchedOff = rows.Count(row => row.Before && !row.After);
        var switchedOn = rows.Count(row => !row.Before && row.After);
        Assert.Equal(finallyEnabled ? 0 : 1, switchedOff - switchedOn);
    }

    private static bool Enabled(JsonElement json) => JsonDocument.Parse(json.GetString()!).RootElement.GetProperty("enabled").GetBoolean();
}
