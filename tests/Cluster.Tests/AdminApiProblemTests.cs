using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Platform.Cluster.Tests.Infrastructure;

namespace Platform.Cluster.Tests;

/// <summary>
/// The admin API's errors over HTTP on a real Api process: every 4xx is a problem body that says what was wrong and
/// where, echoes input capped, changes nothing, and is logged as one line without a stack trace.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed partial class AdminApiProblemTests(EmbeddedApiFixture fixture)
{
    [Fact]
    public async Task Every_4xx_of_every_admin_route_is_a_problem_body_saying_what_was_wrong()
    {
        var tenant = await fixture.NewTenantAsync();
        using var anonymous = fixture.Client(key: null);
        using var admin = fixture.Client();
        var routes = AdminRoute.All();
        Assert.True(routes.Count > 40, $"only {routes.Count} admin routes found");

        foreach (var route in routes)
        {
            var method = new HttpMethod(route.Method);
            var path = Path(route, tenant, "alice");
            var body = route.HasBody ? "{}" : null;

            var unauthenticated = await Problem.OfAsync(anonymous, method, path, HttpStatusCode.Unauthorized, Content(body));
            Assert.Contains("key", unauthenticated.Detail, StringComparison.Ordinal);

            var notFound = await SendAsync(admin, method, Path(route, "t-never-created", "alice"), body);
            Assert.True(notFound.Status is >= 400 and < 500, $"{route} for a tenant never created: {notFound.Status} {notFound.Detail}");

            if (route.Pattern.Contains("{tenantId}", StringComparison.Ordinal))
            {
                var badTenant = await Problem.OfAsync(admin, method, Path(route, "Not_A_Tenant", "alice"), HttpStatusCode.BadRequest, Content(body));
                Assert.Equal("tenantId", badTenant.SingleError().Field);
                Assert.Contains("'Not_A_Tenant'", badTenant.Detail, StringComparison.Ordinal);
            }

            if (route.Pattern.Contains("{userId}", StringComparison.Ordinal))
            {
                var badUser = await Problem.OfAsync(admin, method, Path(route, tenant, "no%20spaces"), HttpStatusCode.BadRequest, Content(body));
                Assert.Equal("userId", badUser.SingleError().Field);
            }

            if (route.HasBody)
            {
                var malformed = await Problem.OfAsync(admin, method, path, HttpStatusCode.BadRequest, Content("{\"name\":"));
                Assert.Equal(("body", "The request body is not valid JSON (line 1, byte 9)."), malformed.SingleError());
                var notJson = await Problem.OfAsync(admin, method, path, HttpStatusCode.UnsupportedMediaType, new StringContent("{}"));
                Assert.Contains("application/json", notJson.Detail, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Malformed_json_wrong_types_and_unknown_enum_values_are_refused_by_field_and_create_nothing()
    {
        var tenant = await fixture.NewTenantAsync();
        using var http = fixture.Client();
        var users = $"/admin/v1/tenants/{tenant}/users";

        var truncated = await Problem.OfAsync(http, HttpMethod.Post, users, HttpStatusCode.BadRequest, Problem.Json("{\"id\":\"bob\","));
        var wrongBool = await Problem.OfAsync(http, HttpMethod.Post, users, HttpStatusCode.BadRequest, Problem.Json("{\"id\":\"bob\",\"enabled\":\"yes\"}"));
        var wrongString = await Problem.OfAsync(http, HttpMethod.Post, users, HttpStatusCode.BadRequest, Problem.Json("{\"id\":42}"));
        var unknownRole = await Problem.OfAsync(http, HttpMethod.Post, users, HttpStatusCode.BadRequest, Problem.Json("{\"id\":\"bob\",\"role\":\"God\"}"));
        var notAnObject = await Problem.OfAsync(http, HttpMethod.Post, users, HttpStatusCode.BadRequest, Problem.Json("[1]"));
        var noBody = await Problem.OfAsync(http, HttpMethod.Post, users, HttpStatusCode.BadRequest, Problem.Json(""));
        var memberNotString = await Problem.OfAsync(http, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/groups", HttpStatusCode.BadRequest,
            Problem.Json("{\"name\":\"team\",\"members\":[1]}"));
        var unknownClassification = await Problem.OfAsync(http, HttpMethod.Put, $"/admin/v1/tenants/{tenant}/tool-classification", HttpStatusCode.BadRequest,
            Problem.Json("{\"classification\":\"ApproveEverythingForever\"}"));
        var badEmail = await Problem.OfAsync(http, HttpMethod.Post, users, HttpStatusCode.BadRequest, Problem.Json(new { id = "bob", email = "bob at example" }));

        Assert.Equal(("body", "The request body is not valid JSON (line 1, byte 12)."), truncated.SingleError());
        Assert.Equal(("enabled", "'enabled' must be true or false (line 1, byte 28)."), wrongBool.SingleError());
        Assert.Equal(("id", "'id' must be a string (line 1, byte 9)."), wrongString.SingleError());
        Assert.Equal(("role", "'role' must be one of Member, Admin (line 1, byte 25)."), unknownRole.SingleError());
        Assert.Equal("body", notAnObject.SingleError().Field);
        Assert.Contains("JSON object", notAnObject.Detail, StringComparison.Ordinal);
        Assert.Equal(("body", "This route needs a JSON object in the request body."), noBody.SingleError());
        Assert.Equal("members[0]", memberNotString.SingleError().Field);
        Assert.Contains("RequireApprovalForEveryTool, AutoApproveReadOnly, AutoApproveAll", unknownClassification.Detail, StringComparison.Ordinal);
        Assert.Equal(("email", "'bob at example' is not an email address."), badEmail.SingleError());
        Assert.Equal("[]", await http.GetStringAsync(new Uri(users, UriKind.Relative)));
        Assert.Equal("[]", await http.GetStringAsync(new Uri($"/admin/v1/tenants/{tenant}/groups", UriKind.Relative)));
    }

    [Fact]
    public async Task Bad_query_values_and_ids_are_refused_by_parameter_with_the_value_echoed_capped()
    {
        var tenant = await fixture.NewTenantAsync();
        using var http = fixture.Client();
        var audit = $"/admin/v1/tenants/{tenant}/audit";

        var notANumber = await Problem.OfAsync(http, HttpMethod.Get, $"{audit}?limit=abc", HttpStatusCode.BadRequest);
        var outOfRange = await Problem.OfAsync(http, HttpMethod.Get, $"{audit}?limit=0", HttpStatusCode.BadRequest);
        var unknownDecision = await Problem.OfAsync(http, HttpMethod.Get, $"{audit}?decision=Maybe", HttpStatusCode.BadRequest);
        var notADate = await Problem.OfAsync(http, HttpMethod.Get, $"{audit}/export?from=yesterday", HttpStatusCode.BadRequest);
        var forgedCursor = await Problem.OfAsync(http, HttpMethod.Get, $"{audit}?cursor=forged", HttpStatusCode.BadRequest);
        var hugeLimit = await Problem.OfAsync(http, HttpMethod.Get, $"{audit}?limit={new string('9', 6000)}", HttpStatusCode.BadRequest);
        var badTenant = await Problem.OfAsync(http, HttpMethod.Get, "/admin/v1/tenants/ACME/users", HttpStatusCode.BadRequest);
        var badKeyId = await Problem.OfAsync(http, HttpMethod.Delete, $"/admin/v1/tenants/{tenant}/users/alice/api-keys/not-a-key", HttpStatusCode.BadRequest);

        Assert.Equal(("limit", "'limit' must be an integer; 'abc' is not."), notANumber.SingleError());
        Assert.Equal(("limit", "A page holds 1 to 1000 entries (was 0)."), outOfRange.SingleError());
        Assert.Equal(("decision", "'decision' must be one of Allowed, Denied, RateLimited, Failed; 'Maybe' is not."), unknownDecision.SingleError());
        Assert.Equal("from", notADate.SingleError().Field);
        Assert.Equal("cursor", forgedCursor.SingleError().Field);
        Assert.Equal($"'limit' must be an integer; '{new string('9', 99)}…' is not.", hugeLimit.SingleError().Message);
        Assert.Equal("tenantId", badTenant.SingleError().Field);
        Assert.StartsWith("'ACME' is not a valid tenantId. A tenant id is", badTenant.Detail, StringComparison.Ordinal);
        Assert.Equal("keyId", badKeyId.SingleError().Field);
    }

    [Fact]
    public async Task A_huge_value_comes_back_capped_and_a_body_over_the_limit_is_refused_before_it_is_read()
    {
        var tenant = await fixture.NewTenantAsync();
        using var http = fixture.Client();
        var groups = $"/admin/v1/tenants/{tenant}/groups";

        var threeMiB = await Problem.OfAsync(http, HttpMethod.Post, groups, HttpStatusCode.BadRequest,
            Problem.Json(new { name = "team", members = new[] { new string('m', 3 * 1024 * 1024) } }));
        // Sized and announced, as a careful client would send it: refused on its Content-Length, before a byte is sent.
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, new Uri(groups, UriKind.Relative))
        {
            Content = Problem.Json($"{{\"name\":\"team\",\"members\":[\"{new string('m', 20 * 1024 * 1024)}\"]}}"),
            Headers = { ExpectContinue = true },
        };
        using var tooLargeResponse = await http.SendAsync(tooLarge);
        var twentyMiB = await Problem.ReadAsync(tooLargeResponse, "POST groups with 20 MiB");

        Assert.Equal(("members", $"There is no user '{new string('m', 99)}…'."), threeMiB.SingleError());
        Assert.True(threeMiB.BodyLength < 1024, $"{threeMiB.BodyLength} bytes");
        Assert.Equal((413, "An admin request body is at most 4194304 bytes."), (twentyMiB.Status, twentyMiB.Detail));
        Assert.True(twentyMiB.BodyLength < 1024, $"{twentyMiB.BodyLength} bytes");
        Assert.Equal("[]", await http.GetStringAsync(new Uri(groups, UriKind.Relative)));
    }

    [Fact]
    public async Task Unknown_routes_and_methods_get_a_problem_body_too()
    {
        using var http = fixture.Client();

        var noRoute = await Problem.OfAsync(http, HttpMethod.Get, "/admin/v1/no-such-thing", HttpStatusCode.NotFound);
        var noMethod = await Problem.OfAsync(http, HttpMethod.Patch, "/admin/v1/tenants", HttpStatusCode.MethodNotAllowed);

        Assert.Equal("No admin route matches '/admin/v1/no-such-thing'.", noRoute.Detail);
        Assert.Contains("'PATCH'", noMethod.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_from_grains_keep_their_kind_and_client_mistakes_are_logged_in_one_line_without_a_stack_trace()
    {
        var tenant = await fixture.NewTenantAsync();
        using var http = fixture.Client();
        (await http.PostAsJsonAsync($"/admin/v1/tenants/{tenant}/users", new { id = "bob" })).EnsureSuccessStatusCode();

        var duplicate = await Problem.OfAsync(http, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/users", HttpStatusCode.Conflict, Problem.Json(new { id = "bob" }));
        var unknownTool = await Problem.OfAsync(http, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/tools/no_such_tool/approve", HttpStatusCode.NotFound);
        var noIntegration = await Problem.OfAsync(http, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/tools/discover", HttpStatusCode.Conflict);
        (await http.PostAsync(new Uri($"/admin/v1/tenants/{tenant}/suspend", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var wrongStep = await Problem.OfAsync(http, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/activate", HttpStatusCode.Conflict);
        var blankKeyName = await Problem.OfAsync(http, HttpMethod.Post, $"/admin/v1/tenants/{tenant}/users/bob/api-keys", HttpStatusCode.BadRequest, Problem.Json(new { name = " " }));

        Assert.Equal(("Conflict", "A user with id 'bob' already exists."), (duplicate.Title, duplicate.Detail));
        Assert.Equal(("Not found", "The catalog has no tool 'no_such_tool'."), (unknownTool.Title, unknownTool.Detail));
        Assert.Contains("no Confluence integration", noIntegration.Detail, StringComparison.Ordinal);
        Assert.Contains("is Suspended; it cannot become Active", wrongStep.Detail, StringComparison.Ordinal);
        Assert.Equal("name", blankKeyName.SingleError().Field);
        var output = fixture.Api.Output;
        Assert.Contains("Admin request POST /admin/v1/tenants/{tenantId}/users/ refused with 409: A user with id 'bob' already exists.", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(StackFrame(), output);
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
    }

    private static string Path(AdminRoute route, string tenant, string user) => route.Pattern
        .Replace("{tenantId}", tenant, StringComparison.Ordinal)
        .Replace("{userId}", user, StringComparison.Ordinal)
        .Replace("{keyId}", "0123456789abcdef", StringComparison.Ordinal)
        .Replace("{tool}", "get_page", StringComparison.Ordinal)
        .Replace("{name}", "staff", StringComparison.Ordinal);

    private static StringContent? Content(string? json) => json is null ? null : Problem.Json(json);

    private static async Task<Problem> SendAsync(HttpClient http, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = Content(body) };
        using var response = await http.SendAsync(request);
        return await Problem.ReadAsync(response, $"{method} {path}");
    }

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
