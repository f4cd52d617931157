using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Api.Admin;
using Platform.Cluster.Tests.Infrastructure;

namespace Platform.Cluster.Tests;

/// <summary>The admin API over HTTP on a real embedded Api process: tenant isolation on every route, and the OpenAPI document.</summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class AdminApiProcessTests(EmbeddedApiFixture fixture)
{
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

    /// <summary>A new active tenant with an admin user "admin-{n}" and their API key.</summary>
    private static async Task<(string Tenant, string AdminKey, string Admin)> TenantWithAdminAsync(HttpClient operatorClient)
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..30];
        var admin = $"admin-{Guid.NewGuid():N}"[..16];
        (await operatorClient.PostAsJsonAsync("/admin/v1/tenants", new { id = tenant, displayName = "Isolation" })).EnsureSuccessStatusCode();
        (await operatorClient.PostAsync(new Uri($"/admin/v1/tenants/{tenant}/activate", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = admin, email = "admin@example.com", role = "Admin" })).EnsureSuccessStatusCode();
        (await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/groups", new { name = "staff", members = new[] { admin } })).EnsureSuccessStatusCode();
        var issued = await operatorClient.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users/{admin}/api-keys", new { name = "admin" });
        issued.EnsureSuccessStatusCode();
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        return (tenant, token, admin);
    }
}
