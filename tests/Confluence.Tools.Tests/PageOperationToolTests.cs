using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Copy, move, version diff and view counts; each tool runs with a token holding only its declared scopes.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class PageOperationToolTests(SimulatorFixture simulator)
{
    [Fact]
    public async Task Copy_page_copies_one_page_under_another_with_its_labels()
    {
        var setup = await simulator.ApiAsync();
        var source = await setup.CreatePageAsync(TestContent.UniqueTitle("Original"), "<p>Copy <strong>me</strong>.</p>");
        await setup.DirectAsync("POST", $"wiki/rest/api/content/{source.Id()}/label", new[] { new { prefix = "global", name = "keep" } });
        var target = await setup.CreatePageAsync(TestContent.UniqueTitle("Target"));
        var api = await simulator.ApiWithScopesOfAsync("copy_page");
        var before = (await simulator.CountersAsync()).GetValueOrDefault("api.v1.copyPage");

        var copy = (await api.RunAsync("copy_page", new { pageId = source.Id(), destinationParentId = target.Id() })).Structured();

        Assert.Equal(before + 1, (await simulator.CountersAsync())["api.v1.copyPage"]);
        var stored = await setup.PageAsync(copy.GetProperty("id").GetString()!);
        Assert.Equal("Copy of " + source.GetProperty("title").GetString(), stored.GetProperty("title").GetString());
        Assert.Equal(target.Id(), stored.GetProperty("parentId").GetString());
        Assert.Equal("<p>Copy <strong>me</strong>.</p>", stored.StorageBody());
        Assert.StartsWith("https://", copy.GetProperty("webUrl").GetString(), StringComparison.Ordinal);
        var labels = await setup.GetJsonAsync($"wiki/api/v2/pages/{stored.Id()}/labels");
        Assert.Contains(labels.GetProperty("results").EnumerateArray(), l => l.GetProperty("name").GetString() == "keep");
        Assert.Equal("<p>Copy <strong>me</strong>.</p>", (await setup.PageAsync(source.Id())).StorageBody());
    }

    [Fact]
    public async Task Copy_page_with_children_copies_the_tree_through_a_long_task()
    {
        var setup = await simulator.ApiAsync();
        var root = await setup.CreatePageAsync(TestContent.UniqueTitle("Tree"));
        var child = await setup.CreatePageAsync(TestContent.UniqueTitle("Leaf"), parentId: root.Id());
        var target = await setup.CreatePageAsync(TestContent.UniqueTitle("Holder"));
        var api = await simulator.ApiWithScopesOfAsync("copy_page");

        var copy = (await api.RunAsync("copy_page", new { pageId = root.Id(), destinationParentId = target.Id(), includeChildren = true, titlePrefix = "2027 " })).Structured();

        Assert.True(copy.GetProperty("finished").GetBoolean());
        Assert.Equal(2, copy.GetProperty("pagesCopied").GetInt32());
        Assert.Contains(api.Requests, r => r.Path.Contains("/pagehierarchy/copy", StringComparison.Ordinal));
        Assert.Contains(api.Requests, r => r.Path.StartsWith("wiki/rest/api/longtask/", StringComparison.Ordinal));
        var copiedRoot = copy.GetProperty("id").GetString()!;
        Assert.Equal(target.Id(), (await setup.PageAsync(copiedRoot)).GetProperty("parentId").GetString());
        var children = await setup.GetJsonAsync($"wiki/api/v2/pages/{copiedRoot}/children");
        Assert.Equal("2027 " + child.GetProperty("title").GetString(), Assert.Single(children.GetProperty("results").EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Move_page_puts_the_page_under_its_new_parent()
    {
        var setup = await simulator.ApiAsync();
        var target = await setup.CreatePageAsync(TestContent.UniqueTitle("New home"));
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Mover"), "<p>Keep me.</p>");
        var grandchild = await setup.CreatePageAsync(TestContent.UniqueTitle("Rider"), parentId: page.Id());

        (await (await simulator.ApiWithScopesOfAsync("move_page")).RunAsync("move_page", new { pageId = page.Id(), newParentId = target.Id() })).Succeeded();
        var intoOwnChild = await setup.RunAsync("move_page", new { pageId = page.Id(), newParentId = grandchild.Id() });

        var moved = await setup.PageAsync(page.Id());
        Assert.Equal(target.Id(), moved.GetProperty("parentId").GetString());
        Assert.Equal("<p>Keep me.</p>", moved.StorageBody());
        var ancestors = await setup.GetJsonAsync($"wiki/api/v2/pages/{grandchild.Id()}/ancestors");
        Assert.Contains(ancestors.GetProperty("results").EnumerateArray(), a => a.GetProperty("id").GetString() == target.Id());
        Assert.Equal(400, intoOwnChild.UpstreamStatus);
    }

    [Fact]
    public async Task Diff_page_versions_shows_what_changed_as_a_unified_diff()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Evolving"), "<h2>Plan</h2><p>Ship on Monday.</p><p>Tell support.</p>");
        await setup.RunAsync("update_page", new { pageId = page.Id(), body = "## Plan\n\nShip on Tuesday.\n\nTell support.\n" });
        var api = await simulator.ApiWithScopesOfAsync("diff_page_versions");

        var outcome = (await api.RunAsync("diff_page_versions", new { pageId = page.Id() })).Succeeded();
        var diff = outcome.Structured();

        Assert.Equal(1, diff.GetProperty("fromVersion").GetInt32());
        Assert.Equal(2, diff.GetProperty("toVersion").GetInt32());
        Assert.Contains("-Ship on Monday.", diff.GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Contains("+Ship on Tuesday.", diff.GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, diff.GetProperty("addedLines").GetInt32());
        Assert.Contains("```diff", outcome.Text, StringComparison.Ordinal);
        Assert.All(api.Requests, r => Assert.StartsWith($"wiki/api/v2/pages/{page.Id()}?body-format=storage", r.Path, StringComparison.Ordinal));
        var onlyOne = await setup.RunAsync("diff_page_versions", new { pageId = (await setup.CreatePageAsync(TestContent.UniqueTitle("Young"))).Id() });
        Assert.Contains("has only version 1", onlyOne.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_page_views_counts_views_and_distinct_viewers_since_a_date()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Popular"));
        var state = await simulator.Http.GetFromJsonAsync<JsonElement>($"{simulator.BaseUrl}/_sim/state");
        var users = state.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("accountId").GetString()!).ToList();
        foreach (var (user, day) in new[] { (users[0], 1), (users[0], 20), (users[1], 21) })
        {
            var at = new DateTimeOffset(2026, 2, day, 9, 0, 0, TimeSpan.Zero);
            (await simulator.Http.PostAsJsonAsync($"{simulator.BaseUrl}/_sim/views", new { siteName = simulator.SiteName, contentId = long.Parse(page.Id(), System.Globalization.CultureInfo.InvariantCulture), accountId = user, at })).EnsureSuccessStatusCode();
        }
        var api = await simulator.ApiWithScopesOfAsync("get_page_views");

        var all = (await api.RunAsync("get_page_views", new { pageId = page.Id() })).Structured();
        var recent = (await api.RunAsync("get_page_views", new { pageId = page.Id(), since = "2026-02-15" })).Structured();

        Assert.Equal((3, 2), (all.GetProperty("views").GetInt32(), all.GetProperty("distinctViewers").GetInt32()));
        Assert.Equal((2, 2), (recent.GetProperty("views").GetInt32(), recent.GetProperty("distinctViewers").GetInt32()));
        Assert.Contains(api.Requests, r => r.Path == $"wiki/rest/api/analytics/content/{page.Id()}/views?fromDate=2026-02-15");
    }
}
