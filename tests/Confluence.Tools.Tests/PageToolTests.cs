using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class PageToolTests(SimulatorFixture simulator)
{
    [Fact]
    public async Task Get_page_converts_realistic_storage_to_markdown()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Runbook"), TestContent.RealisticStorage);

        var outcome = (await api.RunAsync("get_page", new { pageId = page.Id() })).Succeeded();

        Assert.Contains("## Runbook", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("```python", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("if a < b and c > d:", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("| Step | Command |", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("[the guide](<page:ENG/Deploy guide>)", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("@abc-123", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("**Warning:**", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("[macro: toc", outcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<ac:", outcome.Text, StringComparison.Ordinal);
        var structured = outcome.Structured();
        Assert.Equal(page.Id(), structured.GetProperty("id").GetString());
        Assert.Equal(1, structured.GetProperty("version").GetInt32());
        Assert.Equal("markdown", structured.GetProperty("format").GetString());
        Assert.StartsWith("https://", structured.GetProperty("webUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task Get_page_by_title_and_space_key()
    {
        var api = await simulator.ApiAsync();
        var title = TestContent.UniqueTitle("Titled");
        var page = await api.CreatePageAsync(title);

        var structured = (await api.RunAsync("get_page", new { title, spaceKey = "ENG" })).Structured();

        Assert.Equal(page.Id(), structured.GetProperty("id").GetString());
        var missing = await api.RunAsync("get_page", new { title = title + " nope", spaceKey = "ENG" });
        Assert.Equal(ToolOutcomeKind.ToolError, missing.Kind);
        Assert.Equal(404, missing.UpstreamStatus);
    }

    [Fact]
    public async Task Storage_read_and_written_back_unchanged_is_byte_identical_and_writes_no_version()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Round trip"), TestContent.RealisticStorage);
        var original = (await api.PageAsync(page.Id())).StorageBody();

        var read = (await api.RunAsync("get_page", new { pageId = page.Id(), format = "storage" })).Structured();
        Assert.Equal(original, read.GetProperty("body").GetString());
        var update = (await api.RunAsync("update_page", new
        {
            pageId = page.Id(), body = read.GetProperty("body").GetString(), format = "storage", version = read.GetProperty("version").GetInt32(),
        })).Structured();

        Assert.False(update.GetProperty("changed").GetBoolean());
        Assert.DoesNotContain(api.Requests, r => r.Method == "PUT");
        var after = await api.PageAsync(page.Id());
        Assert.Equal(1, after.Version());
        Assert.Equal(original, after.StorageBody());
    }

    [Fact]
    public async Task Long_bodies_are_windowed_and_can_be_continued()
    {
        var api = await simulator.ApiAsync();
        var storage = string.Concat(Enumerable.Range(0, 900).Select(i => $"<p>Paragraph {i} with some words to make it long enough.</p>"));
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Long"), storage);

        var first = (await api.RunAsync("get_page", new { pageId = page.Id() })).Structured();
        var next = first.GetProperty("nextOffset").GetInt32();
        Assert.Contains("[truncated:", first.GetProperty("body").GetString(), StringComparison.Ordinal);
        var second = (await api.RunAsync("get_page", new { pageId = page.Id(), offset = next })).Structured();
        Assert.Equal(next, second.GetProperty("offset").GetInt32());
        Assert.Contains("Paragraph 899", second.GetProperty("body").GetString() + (await ReadRestAsync(api, page.Id(), second)), StringComparison.Ordinal);
    }

    private static async Task<string> ReadRestAsync(HttpConfluenceApi api, string id, JsonElement window)
    {
        var rest = "";
        while (window.GetProperty("nextOffset").ValueKind == JsonValueKind.Number)
        {
            window = (await api.RunAsync("get_page", new { pageId = id, offset = window.GetProperty("nextOffset").GetInt32() })).Structured();
            rest += window.GetProperty("body").GetString();
        }
        return rest;
    }

    [Fact]
    public async Task Update_with_markdown_writes_storage_and_the_next_version()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Md"));

        var outcome = (await api.RunAsync("update_page", new { pageId = page.Id(), body = "# Plan\n\n- one\n- **two**", versionMessage = "by a model" })).Succeeded();

        var after = await api.PageAsync(page.Id());
        Assert.Equal(2, after.Version());
        Assert.Contains("<h1>Plan</h1>", after.StorageBody(), StringComparison.Ordinal);
        Assert.Contains("<strong>two</strong>", after.StorageBody(), StringComparison.Ordinal);
        Assert.Equal("by a model", after.GetProperty("version").GetProperty("message").GetString());
        Assert.Equal(2, outcome.Structured().GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_and_nothing_is_written()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Stale"));
        await api.DirectAsync("PUT", $"wiki/api/v2/pages/{page.Id()}", new
        {
            id = page.Id(), status = "current", title = page.GetProperty("title").GetString(),
            body = new { representation = "storage", value = "<p>Someone else.</p>" }, version = new { number = 2 },
        });

        var outcome = await api.RunAsync("update_page", new { pageId = page.Id(), body = "mine", version = 1 });

        Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
        Assert.Equal(409, outcome.UpstreamStatus);
        Assert.Contains("now at version 2", outcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Method == "PUT");
        Assert.Equal("<p>Someone else.</p>", (await api.PageAsync(page.Id())).StorageBody());
    }

    [Fact]
    public async Task A_concurrent_edit_during_the_update_is_reported_with_the_current_version_and_not_retried()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Race"));
        var racing = new InterferingConfluenceApi(api, () => api.DirectAsync("PUT", $"wiki/api/v2/pages/{page.Id()}", new
        {
            id = page.Id(), status = "current", title = page.GetProperty("title").GetString(),
            body = new { representation = "storage", value = "<p>Won the race.</p>" }, version = new { number = 2 },
        }));
        var outcome = await racing.RunAsync("update_page", new { pageId = page.Id(), body = "lost the race" });

        Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
        Assert.Equal(409, outcome.UpstreamStatus);
        Assert.Contains("now at version 2", outcome.Text, StringComparison.Ordinal);
        Assert.Single(api.Requests, r => r.Method == "PUT");
        var after = await api.PageAsync(page.Id());
        Assert.Equal(2, after.Version());
        Assert.Equal("<p>Won the race.</p>", after.StorageBody());
    }

    [Fact]
    public async Task Create_page_under_a_parent_from_markdown()
    {
        var api = await simulator.ApiAsync();
        var parent = await api.CreatePageAsync(TestContent.UniqueTitle("Parent"));
        var title = TestContent.UniqueTitle("Child");

        var structured = (await api.RunAsync("create_page", new { spaceKey = "ENG", title, body = "Some *text*.", parentId = parent.Id() })).Structured();

        var created = await api.PageAsync(structured.GetProperty("id").GetString()!);
        Assert.Equal(title, created.GetProperty("title").GetString());
        Assert.Equal(parent.Id(), created.GetProperty("parentId").GetString());
        Assert.Equal("<p>Some <em>text</em>.</p>", created.StorageBody().TrimEnd());
        Assert.StartsWith("https://", structured.GetProperty("webUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_page_with_a_duplicate_title_reports_confluences_message()
    {
        var api = await simulator.ApiAsync();
        var title = TestContent.UniqueTitle("Dup");
        await api.CreatePageAsync(title);

        var outcome = await api.RunAsync("create_page", new { spaceKey = "ENG", title });

        Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
        Assert.Equal(400, outcome.UpstreamStatus);
        Assert.Contains("already exists", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_page_moves_it_to_the_trash()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Doomed"));

        (await api.RunAsync("delete_page", new { pageId = page.Id() })).Succeeded();

        Assert.Equal(404, await api.StatusOfAsync($"wiki/api/v2/pages/{page.Id()}"));
        var trashed = await api.GetJsonAsync($"wiki/api/v2/pages?id={page.Id()}&status=trashed");
        Assert.Single(trashed.GetProperty("results").EnumerateArray());
        var again = await api.RunAsync("delete_page", new { pageId = page.Id() });
        Assert.Equal(404, again.UpstreamStatus);
    }

    [Fact]
    public async Task Move_page_updates_it_with_the_new_parent_as_the_next_version()
    {
        var api = await simulator.ApiAsync();
        var target = await api.CreatePageAsync(TestContent.UniqueTitle("Target"));
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Mover"), "<p>Keep me.</p>");

        (await api.RunAsync("move_page", new { pageId = page.Id(), newParentId = target.Id() })).Succeeded();

        var put = Assert.Single(api.Requests, r => r.Method == "PUT");
        var sent = JsonDocument.Parse(put.JsonBody!).RootElement;
        Assert.Equal(target.Id(), sent.GetProperty("parentId").GetString());
        Assert.Equal(2, sent.GetProperty("version").GetProperty("number").GetInt32());
        var after = await api.PageAsync(page.Id());
        Assert.Equal(2, after.Version());
        Assert.Equal("<p>Keep me.</p>", after.StorageBody());
    }

    [Fact]
    public async Task A_page_tree_in_which_a_page_is_its_own_descendant_ends_with_each_page_once()
    {
        var api = await simulator.ApiAsync();
        var root = await api.CreatePageAsync(TestContent.UniqueTitle("Loop"));
        var child = await api.CreatePageAsync(TestContent.UniqueTitle("Inside"), parentId: root.Id());
        await simulator.SetFaultsAsync(new { selfDescendantPageId = root.Id() });
        try
        {
            var tree = (await api.RunAsync("get_page_tree", new { pageId = root.Id(), depth = 5 })).Structured();

            var nodes = tree.GetProperty("nodes").EnumerateArray().Select(node => node.GetProperty("id").GetString()).ToList();
            Assert.Equal([child.Id()], nodes);
        }
        finally
        {
            await simulator.SetFaultsAsync(new { });
        }
    }

    [Fact]
    public async Task List_children_tree_ancestors_and_versions()
    {
        var api = await simulator.ApiAsync();
        var root = await api.CreatePageAsync(TestContent.UniqueTitle("Root"));
        var child = await api.CreatePageAsync(TestContent.UniqueTitle("Kid"), parentId: root.Id());
        var grandchild = await api.CreatePageAsync(TestContent.UniqueTitle("Grandkid"), parentId: child.Id());

        var children = (await api.RunAsync("get_page_children", new { pageId = root.Id() })).Structured();
        Assert.Equal(child.Id(), Assert.Single(children.GetProperty("results").EnumerateArray()).GetProperty("id").GetString());

        var tree = (await api.RunAsync("get_page_tree", new { pageId = root.Id() })).Succeeded().Text;
        Assert.Contains($"- {child.GetProperty("title").GetString()} (page {child.Id()})", tree, StringComparison.Ordinal);
        Assert.Contains($"  - {grandchild.GetProperty("title").GetString()} (page {grandchild.Id()})", tree, StringComparison.Ordinal);

        var ancestors = (await api.RunAsync("get_page_ancestors", new { pageId = grandchild.Id() })).Succeeded().Text;
        Assert.True(ancestors.IndexOf(root.GetProperty("title").GetString()!, StringComparison.Ordinal)
            < ancestors.IndexOf(child.GetProperty("title").GetString()!, StringComparison.Ordinal), ancestors);

        await api.RunAsync("update_page", new { pageId = child.Id(), title = child.GetProperty("title").GetString() + " v2", versionMessage = "renamed" });
        var versions = (await api.RunAsync("get_page_versions", new { pageId = child.Id() })).Succeeded().Text;
        Assert.Contains("version 2", versions, StringComparison.Ordinal);
        Assert.Contains("\"renamed\"", versions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_pages_pages_through_a_space_with_the_cursor()
    {
        var api = await simulator.ApiAsync();
        var first = (await api.RunAsync("list_pages", new { spaceKey = "ENG", limit = 2 })).Structured();
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.NotNull(cursor);
        Assert.Equal(2, first.GetProperty("results").GetArrayLength());

        var second = (await api.RunAsync("list_pages", new { spaceKey = "ENG", limit = 2, cursor })).Structured();
        var firstIds = first.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        var secondIds = second.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString());
        Assert.Empty(firstIds.Intersect(secondIds));

        var unknown = await api.RunAsync("list_pages", new { spaceKey = "NOPE" });
        Assert.Equal(404, unknown.UpstreamStatus);
        Assert.Contains("no space with key 'NOPE'", unknown.Text, StringComparison.Ordinal);
    }
}
