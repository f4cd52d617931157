using System.Text.Json;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

/// <summary>
/// The v1 operations behind copy, templates, restrictions, permission checks, analytics and long tasks answer with the
/// shapes of Atlassian's v1 spec (<c>Specs/confluence-cloud-v1.swagger.v3.2021-11-23.json</c>).
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class V1SchemaTests(SimulatorFixture sim) : SeededSimulatorTest(sim)
{
    private static readonly OpenApiSchemaValidator Spec = new(Path.Combine(AppContext.BaseDirectory, "Specs", "confluence-cloud-v1.swagger.v3.2021-11-23.json"));

    public static TheoryData<string> Operations() =>
    [
        "copyPage", "getRestrictions", "updateRestrictions", "deleteRestrictions", "checkContentPermission", "getContentTemplates",
        "getContentTemplate", "getViews", "getViewers", "getTask",
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Response_matches_the_v1_spec(string operation)
    {
        var (method, specPath, url, body) = await CaseAsync(operation);
        using var response = await Sim.SendAsync(method, Sim.Api(url), Token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"{operation}: {(int)response.StatusCode} {text}");
        var schema = Spec.ResponseSchema(method.Method, "/wiki" + specPath, 200);
        Assert.NotNull(schema);
        using var json = JsonDocument.Parse(text);
        var errors = Spec.Validate(schema.Value, json.RootElement);
        Assert.True(errors.Count == 0, $"{operation}:\n{string.Join('\n', errors)}\n{text[..Math.Min(text.Length, 800)]}");
    }

    [Fact]
    public async Task A_page_tree_copy_is_a_finished_task_and_its_copies_exist()
    {
        var title = (await Sim.GetJsonAsync(Sim.Api($"/api/v2/pages/{Ids.HomepageId}"), Token)).GetProperty("title").GetString();
        using var response = await Sim.SendAsync(HttpMethod.Post, Sim.Api($"/rest/api/content/{Ids.HomepageId}/pagehierarchy/copy"), Token,
            new { destinationPageId = Ids.HomepageId, titleOptions = new { prefix = "Copy " }, copyLabels = true });
        Assert.Equal(202, (int)response.StatusCode);
        var task = await SimulatorFixture.ReadJsonAsync(response);
        var status = await Sim.GetJsonAsync(Sim.Api(task.GetProperty("links").GetProperty("status").GetString()!), Token);

        Assert.True(status.GetProperty("finished").GetBoolean());
        Assert.True(status.GetProperty("successful").GetBoolean());
        var copies = await Sim.GetJsonAsync(Sim.Api($"/api/v2/pages?title={Uri.EscapeDataString("Copy " + title)}"), Token);
        Assert.Single(copies.GetProperty("results").EnumerateArray());
    }

    private async Task<(HttpMethod, string, string, object?)> CaseAsync(string operation)
    {
        var i = Ids;
        var get = HttpMethod.Get;
        var aliceId = (await Sim.GetJsonAsync(Sim.Api("/rest/api/user/current"), Token)).GetProperty("accountId").GetString();
        return operation switch
        {
            "copyPage" => (HttpMethod.Post, "/rest/api/content/{id}/copy", $"/rest/api/content/{i.PageId}/copy",
                new { destination = new { type = "parent_page", value = i.HomepageId }, pageTitle = "Schema copy", copyLabels = true }),
            "getRestrictions" => (get, "/rest/api/content/{id}/restriction", $"/rest/api/content/{i.PageId}/restriction?expand=restrictions.user,restrictions.group", null),
            "updateRestrictions" => (HttpMethod.Put, "/rest/api/content/{id}/restriction", $"/rest/api/content/{i.PageId}/restriction",
                new[] { new { operation = "update", restrictions = new { user = new[] { new { type = "known", accountId = aliceId } } } } }),
            "deleteRestrictions" => (HttpMethod.Delete, "/rest/api/content/{id}/restriction", $"/rest/api/content/{i.PageId}/restriction", null),
            "checkContentPermission" => (HttpMethod.Post, "/rest/api/content/{id}/permission/check", $"/rest/api/content/{i.PageId}/permission/check",
                new { subject = new { type = "user", identifier = aliceId }, operation = "update" }),
            "getContentTemplates" => (get, "/rest/api/template/page", "/rest/api/template/page?spaceKey=ENG&expand=body", null),
            "getContentTemplate" => (get, "/rest/api/template/{contentTemplateId}", $"/rest/api/template/{await TemplateIdAsync()}", null),
            "getViews" => (get, "/rest/api/analytics/content/{contentId}/views", $"/rest/api/analytics/content/{i.PageId}/views", null),
            "getViewers" => (get, "/rest/api/analytics/content/{contentId}/viewers", $"/rest/api/analytics/content/{i.PageId}/viewers?fromDate=2025-01-01", null),
            "getTask" => (get, "/rest/api/longtask/{id}", $"/rest/api/longtask/{await TaskIdAsync()}", null),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    private async Task<string> TemplateIdAsync() =>
        (await Sim.GetJsonAsync(Sim.Api("/rest/api/template/page"), Token)).GetProperty("results")[0].GetProperty("templateId").GetString()!;

    private async Task<string> TaskIdAsync()
    {
        using var response = await Sim.SendAsync(HttpMethod.Post, Sim.Api($"/rest/api/content/{Ids.PageId}/pagehierarchy/copy"), Token,
            new { destinationPageId = Ids.HomepageId, titleOptions = new { prefix = "Task " } });
        return (await SimulatorFixture.ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }
}
