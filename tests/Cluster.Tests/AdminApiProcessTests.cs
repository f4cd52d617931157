using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Api.Admin;
using Platform.Cluster.Tests.Infrastructure;

namespace Platform.Cluster.Tests;

/// <summary>
/// The admin API over HTTP on a real embedded Api process: tenant isolation on every route, key scopes and issuers,
/// the tenant's identity rules, unconfirmed users on every policy change, and the OpenAPI document.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class AdminApiProcessTests(EmbeddedApiFixture fixture)
{
    private static readonly string[] AdminScopes = ["mcp", "admin"];
    private static readonly string[] UnknownScopes = ["root"];

    [Fact]
    public async Task A_tenant_admin_key_can_neither_read_nor_change_another_tenant_on_any_admin_route()
    {
        var api = fixture.Api;
        using var operatorClient = fixture.Client();
        var (mine, myAdminKey, _) = await TenantWithAdminAsync(operatorClient);
        var (theirs, theirAdminKey, theirAdmin) = await TenantWithAdminAsync(operatorClient);
        var theirKeyId = theirAdminKey[4..20];
        using var mineClient = fixture.Client(myAdminKey);
        var routes = AdminRoutes();

        Assert.Equal(HttpStatusCode.OK, (await mineClient.GetAsync(new Uri($"/admin/v1/tenants/{mine}/users", UriKind.Relative))).StatusCode);
        var refusals = new List<string>();
        foreach (var route in routes)
        {
            var path = route.Pattern
                .Replace("{tenantId}", theirs, StringComparison.Ordinal)
                .Replace("{userId}", theirAdmin, StringComparison.Ordinal)
                .Replace("{keyId}", theirKeyId, StringComparison.Ordinal)
                .Replace("{tool}", "get_page", StringComparison.Ordinal)
                .Replace("{name}", "staff", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(path, UriKind.Relative));
            if (route.HasBody)
            {
                request.Content = new StringContent("{\"id\":\"x-probe\",\"name\":\"probe\",\"displayName\":\"Probe\",\"value\":\"s\"}", Encoding.UTF8, "application/json");
            }

            using var response = await mineClient.SendAsync(request);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                refusals.Add($"{route} answered {(int)response.StatusCode}");
            }
            else
            {
                await Problem.ReadAsync(response, route.ToString());
            }
        }

        Assert.Empty(refusals);
        // The other tenant is exactly as it was: its admin and their key still work, nothing was created there.
        using var theirsClient = fixture.Client(theirAdminKey);
        var theirUsers = await theirsClient.GetFromJsonAsync<JsonElement>(new Uri($"/admin/v1/tenants/{theirs}/users", UriKind.Relative));
        Assert.Equal([theirAdmin], theirUsers.EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        var tenant = await operatorClient.GetFromJsonAsync<JsonElement>(new Uri($"/admin/v1/tenants/{theirs}", UriKind.Relative));
        Assert.Equal("Active", tenant.GetProperty("status").GetString());
        Assert.DoesNotContain(theirAdminKey, api.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(myAdminKey, api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_admin_cannot_do_what_is_reserved_to_operators_and_a_member_key_administers_nothing()
    {
        var api = fixture.Api;
        using var operatorClient = fixture.Client();
        var (tenant, adminKey, _) = await TenantWithAdminAsync(operatorClient);
        await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = "bob", role = "Member" });
        var memberKey = (await (await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users/bob/api-keys", new { name = "bob" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var admin = fixture.Client(adminKey);
        using var member = fixture.Client(memberKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.PostAsync(new Uri($"/admin/v1/tenants/{tenant}/suspend", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.DeleteAsync(new Uri($"/admin/v1/tenants/{tenant}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.PostAsJsonAsync("/admin/v1/tenants", new { id = "t-new", displayName = "New" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync(new Uri($"/admin/v1/tenants/{tenant}/users", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(new Uri($"/admin/v1/tenants/{tenant}/users/bob/disable", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync(new Uri("/admin/v1/tenants/t-never-created/users", UriKind.Relative))).StatusCode);
        var duplicate = await admin.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = "bob" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("A user with id 'bob' already exists.", (await Problem.ReadAsync(duplicate, "duplicate user")).Detail);
        Assert.Contains("Admin change", api.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(memberKey, api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admins_mcp_key_opens_no_admin_route_and_only_an_admin_may_hold_an_admin_scoped_key()
    {
        using var operatorClient = fixture.Client();
        var (tenant, adminKey, admin) = await TenantWithAdminAsync(operatorClient);
        (await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = "bob" })).EnsureSuccessStatusCode();
        var mcpKey = await IssueAsync(operatorClient, tenant, admin, new { name = "claude desktop" });
        using var withMcpKey = fixture.Client(mcpKey.GetProperty("token").GetString());
        using var withAdminKey = fixture.Client(adminKey);

        var refused = await Problem.OfAsync(withMcpKey, HttpMethod.Get, $"/admin/v1/tenants/{tenant}/users", HttpStatusCode.Unauthorized);
        var memberAdminKey = await Problem.OfAsync(operatorClient, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/users/bob/api-keys", HttpStatusCode.BadRequest,
            Problem.Json(new { name = "bob", scopes = AdminScopes }));
        var unknownScope = await Problem.OfAsync(operatorClient, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/users/bob/api-keys", HttpStatusCode.BadRequest,
            Problem.Json(new { name = "bob", scopes = UnknownScopes }));
        var keys = await withAdminKey.GetFromJsonAsync<JsonElement>(new Uri($"/admin/v1/tenants/{tenant}/users/{admin}/api-keys", UriKind.Relative));
        var bobsKeys = await withAdminKey.GetFromJsonAsync<JsonElement>(new Uri($"/admin/v1/tenants/{tenant}/users/bob/api-keys", UriKind.Relative));

        Assert.Contains("admin-scoped API key", refused.Detail, StringComparison.Ordinal);
        Assert.Equal("scopes", memberAdminKey.SingleError().Field);
        Assert.Contains("Only an admin's key may open the admin API", memberAdminKey.SingleError().Message, StringComparison.Ordinal);
        Assert.Contains("'root' is not a key scope", unknownScope.SingleError().Message, StringComparison.Ordinal);
        Assert.Equal(["mcp"], mcpKey.GetProperty("key").GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(
            [("admin", "operator", "mcp admin"), ("claude desktop", "operator", "mcp")],
            keys.EnumerateArray().Select(key => (key.GetProperty("name").GetString(), key.GetProperty("issuedBy").GetString(),
                string.Join(' ', key.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString())))).Order());
        Assert.Equal(0, bobsKeys.GetArrayLength());
    }

    [Fact]
    public async Task A_tenant_that_requires_self_issued_keys_refuses_keys_for_others_and_its_identity_rules_are_set_through_the_api()
    {
        using var operatorClient = fixture.Client();
        var (tenant, adminKey, admin) = await TenantWithAdminAsync(operatorClient);
        (await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = "bob" })).EnsureSuccessStatusCode();
        using var withAdminKey = fixture.Client(adminKey);
        var security = $"/admin/v1/tenants/{tenant}/security";

        var defaults = await withAdminKey.GetFromJsonAsync<JsonElement>(new Uri(security, UriKind.Relative));
        var incomplete = await Problem.OfAsync(withAdminKey, HttpMethod.Put, security, HttpStatusCode.BadRequest, Problem.Json(new { unmatchedAccounts = "BindOnFirstConnect" }));
        var set = await withAdminKey.PutAsJsonAsync(security, new { unmatchedAccounts = "BindOnFirstConnect", requireSelfIssuedKeys = true });
        set.EnsureSuccessStatusCode();
        var byOperator = await Problem.OfAsync(operatorClient, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/users/bob/api-keys", HttpStatusCode.Conflict, Problem.Json(new { name = "bob" }));
        var byAdminForBob = await Problem.OfAsync(withAdminKey, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/users/bob/api-keys", HttpStatusCode.Conflict, Problem.Json(new { name = "bob" }));
        var byAdminForThemselves = await IssueAsync(withAdminKey, tenant, admin, new { name = "mine" });
        var audit = await withAdminKey.GetFromJsonAsync<JsonElement>(new Uri($"/admin/v1/tenants/{tenant}/audit?limit=100", UriKind.Relative));

        Assert.Equal(("Refuse", false), (defaults.GetProperty("unmatchedAccounts").GetString(), defaults.GetProperty("requireSelfIssuedKeys").GetBoolean()));
        Assert.Equal("requireSelfIssuedKeys", incomplete.SingleError().Field);
        Assert.Equal(
            ("BindOnFirstConnect", true),
            ((await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unmatchedAccounts").GetString(),
                (await withAdminKey.GetFromJsonAsync<JsonElement>(new Uri(security, UriKind.Relative))).GetProperty("requireSelfIssuedKeys").GetBoolean()));
        Assert.Contains("requires users to issue their own API keys", byOperator.Detail, StringComparison.Ordinal);
        Assert.Contains("requires users to issue their own API keys", byAdminForBob.Detail, StringComparison.Ordinal);
        Assert.Equal($"user:{admin}", byAdminForThemselves.GetProperty("key").GetProperty("issuedBy").GetString());
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), row => row.GetProperty("operation").GetString() == "security.settings");
    }

    [Fact]
    public async Task Every_change_of_who_may_call_what_answers_how_many_users_have_not_confirmed_it()
    {
        using var operatorClient = fixture.Client();
        var (tenant, _, admin) = await TenantWithAdminAsync(operatorClient);

        var created = await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = "bob" });
        var disabled = await operatorClient.PostAsync(new Uri($"/admin/v1/tenants/{tenant}/users/bob/disable", UriKind.Relative), null);
        var group = await operatorClient.PutAsJsonAsync($"/admin/v1/tenants/{tenant}/groups/staff", new { name = "staff", members = new[] { admin, "bob" } });
        var deleted = await operatorClient.DeleteAsync(new Uri($"/admin/v1/tenants/{tenant}/users/bob", UriKind.Relative));

        foreach (var (response, resource) in new[] { (created, "bob"), (disabled, "bob"), (group, "staff"), (deleted, "bob") })
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.IsSuccessStatusCode, body.GetRawText());
            Assert.Equal(0, body.GetProperty("unconfirmedUsers").GetInt32());
            Assert.Equal(resource, (body.TryGetProperty("id", out var id) ? id : body.GetProperty("name")).GetString());
        }
    }

    [Fact]
    public async Task The_openapi_document_is_openapi_3_and_lists_every_admin_route_with_its_types_and_the_reference_page_loads()
    {
        using var anonymous = fixture.Client(key: null);

        var document = await anonymous.GetFromJsonAsync<JsonElement>(new Uri(AdminApi.OpenApiDocumentPath, UriKind.Relative));
        var reference = await anonymous.GetAsync(new Uri("/scalar/v1", UriKind.Relative));

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        var missing = new List<string>();
        foreach (var route in AdminRoutes())
        {
            if (!paths.TryGetProperty(route.Pattern, out var path) || !path.TryGetProperty(route.Method.ToLowerInvariant(), out var operation))
            {
                missing.Add($"{route}: not in the document");
                continue;
            }

            if (route.HasBody && !operation.TryGetProperty("requestBody", out _))
            {
                missing.Add($"{route}: no request body");
            }

            var responses = operation.GetProperty("responses");
            if (!responses.EnumerateObject().Any(r => r.Name.StartsWith('2')))
            {
                missing.Add($"{route}: no success response");
            }

            // A JSON answer names its schema, except where there is none (204) or the audit log writes its own lines.
            missing.AddRange(responses.EnumerateObject()
                .Where(r => r.Name is "200" or "201" && !route.Pattern.Contains("/audit", StringComparison.Ordinal) && !HasJsonSchema(r.Value))
                .Select(r => $"{route}: {r.Name} has no JSON schema"));

            // Every route can refuse a malformed request and an unknown caller: both documented as problem details.
            foreach (var status in new[] { "400", "401" })
            {
                if (!responses.TryGetProperty(status, out var problem) || !problem.GetProperty("content").TryGetProperty("application/problem+json", out _))
                {
                    missing.Add($"{route}: no {status} problem");
                }
            }

            missing.AddRange(operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray()
                    .Where(p => p.GetProperty("in").GetString() == "path" && p.GetProperty("schema").GetProperty("type").GetString() != "string")
                    .Select(p => $"{route}: path parameter {p.GetProperty("name")} is not a string")
                : []);
        }

        Assert.Empty(missing);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
    }

    private static bool HasJsonSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out _);

    private static IReadOnlyList<AdminRoute> AdminRoutes()
    {
        var routes = AdminRoute.All();
        // Guards the enumeration itself: the admin API has dozens of routes across its areas.
        Assert.True(routes.Count > 40, $"only {routes.Count} admin routes found");
        return routes;
    }

    private static async Task<JsonElement> IssueAsync(HttpClient http, string tenant, string user, object request)
    {
        var issued = await http.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users/{user}/api-keys", request);
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        return await issued.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A new active tenant with an admin user "admin-{n}" and their API key, issued with the admin scope.</summary>
    private static async Task<(string Tenant, string AdminKey, string Admin)> TenantWithAdminAsync(HttpClient operatorClient)
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..30];
        var admin = $"admin-{Guid.NewGuid():N}"[..16];
        (await operatorClient.PostAsJsonAsync("/admin/v1/tenants", new { id = tenant, displayName = "Isolation" })).EnsureSuccessStatusCode();
        (await operatorClient.PostAsync(new Uri($"/admin/v1/tenants/{tenant}/activate", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = admin, email = "admin@example.com", role = "Admin" })).EnsureSuccessStatusCode();
        (await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/groups", new { name = "staff", members = new[] { admin } })).EnsureSuccessStatusCode();
        var issued = await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users/{admin}/api-keys", new { name = "admin", scopes = AdminScopes });
        issued.EnsureSuccessStatusCode();
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        return (tenant, token, admin);
    }
}
