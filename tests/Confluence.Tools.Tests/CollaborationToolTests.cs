using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Inline comments and threads, templates, restrictions and permissions, page images; each tool runs with only its declared scopes.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class CollaborationToolTests(SimulatorFixture simulator)
{
    private static readonly string[] Admins = ["confluence-admins"];

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Inline_comments_are_created_on_a_selection_listed_as_threads_and_resolved()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Reviewed"), "<p>Deploy on Friday.</p><p>Deploy on Monday.</p>");

        var created = (await (await simulator.ApiWithScopesOfAsync("create_inline_comment")).RunAsync("create_inline_comment",
            new { pageId = page.Id(), textSelection = "Deploy on", occurrence = 2, body = "Why **Monday**?" })).Structured();
        var commentId = created.GetProperty("id").GetString()!;
        await setup.RunAsync("reply_to_comment", new { commentId, kind = "inline", body = "Freeze." });
        var missing = await setup.RunAsync("create_inline_comment", new { pageId = page.Id(), textSelection = "Deploy on Sunday", body = "x" });

        var threads = (await (await simulator.ApiWithScopesOfAsync("list_comments")).RunAsync("list_comments", new { pageId = page.Id(), kind = "inline" })).Structured();
        var thread = Assert.Single(threads.GetProperty("threads").EnumerateArray());
        Assert.Equal(commentId, thread.GetProperty("comment").GetProperty("id").GetString());
        Assert.Equal("Deploy on", thread.GetProperty("comment").GetProperty("selection").GetString());
        Assert.Equal("Why **Monday**?", thread.GetProperty("comment").GetProperty("body").GetString());
        Assert.StartsWith("https://", thread.GetProperty("comment").GetProperty("webUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(commentId, Assert.Single(thread.GetProperty("replies").EnumerateArray()).GetProperty("parentCommentId").GetString());
        Assert.Contains("does not occur on page", missing.Text, StringComparison.Ordinal);
        Assert.StartsWith("https://", created.GetProperty("webUrl").GetString(), StringComparison.Ordinal);

        var resolver = await simulator.ApiWithScopesOfAsync("resolve_inline_comment");
        var resolved = (await resolver.RunAsync("resolve_inline_comment", new { commentId })).Structured();
        var again = (await resolver.RunAsync("resolve_inline_comment", new { commentId })).Succeeded();
        Assert.Equal("resolved", resolved.GetProperty("resolutionStatus").GetString());
        Assert.Contains("already resolved", again.Text, StringComparison.Ordinal);
        Assert.Single(resolver.Requests, r => r.Method == "PUT");
        var stored = await setup.GetJsonAsync($"wiki/api/v2/inline-comments/{commentId}");
        Assert.Equal("resolved", stored.GetProperty("resolutionStatus").GetString());
    }

    [Fact]
    public async Task Templates_are_listed_read_and_used_to_create_a_page()
    {
        var setup = await simulator.ApiAsync();
        var listed = (await (await simulator.ApiWithScopesOfAsync("list_templates")).RunAsync("list_templates", new { spaceKey = "ENG" })).Structured();
        var template = Assert.Single(listed.GetProperty("results").EnumerateArray());
        var templateId = template.GetProperty("id").GetString()!;
        var global = (await setup.RunAsync("list_templates", new { })).Structured();
        Assert.Contains(global.GetProperty("results").EnumerateArray(), t => t.GetProperty("name").GetString() == "Meeting notes");

        var read = (await (await simulator.ApiWithScopesOfAsync("get_template")).RunAsync("get_template", new { templateId, format = "storage" })).Structured();
        Assert.Contains("<ac:placeholder>", read.GetProperty("body").GetString(), StringComparison.Ordinal);

        var title = TestContent.UniqueTitle("From template");
        var created = (await (await simulator.ApiWithScopesOfAsync("create_page_from_template")).RunAsync("create_page_from_template",
            new { templateId, spaceKey = "ENG", title })).Structured();
        Assert.Equal(read.GetProperty("body").GetString(), (await setup.PageAsync(created.GetProperty("id").GetString()!)).StorageBody());
        var unknown = await setup.RunAsync("get_template", new { templateId = "999999999" });
        Assert.Equal(404, unknown.UpstreamStatus);
    }

    [Fact]
    public async Task Restrictions_are_set_read_and_enforced_and_permissions_checked()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Secret"));
        var state = await simulator.Http.GetFromJsonAsync<JsonElement>($"{simulator.BaseUrl}/_sim/state");
        var alice = state.GetProperty("users").EnumerateArray().First(u => u.GetProperty("email").GetString() == "alice@example.com").GetProperty("accountId").GetString()!;
        var bob = state.GetProperty("users").EnumerateArray().First(u => u.GetProperty("email").GetString() == "bob@example.com").GetProperty("accountId").GetString()!;
        var checker = await simulator.ApiWithScopesOfAsync("check_content_permission");
        async Task<bool> MayAsync(string accountId, string operation) =>
            (await checker.RunAsync("check_content_permission", new { contentId = page.Id(), accountId, operation })).Structured().GetProperty("hasPermission").GetBoolean();
        Assert.True(await MayAsync(bob, "update"));

        var set = (await (await simulator.ApiWithScopesOfAsync("set_page_restrictions")).RunAsync("set_page_restrictions",
            new { pageId = page.Id(), editUsers = new[] { alice } })).Structured();
        Assert.Equal(alice, Assert.Single(set.GetProperty("edit").GetProperty("users").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(set.GetProperty("view").GetProperty("users").EnumerateArray());
        Assert.False(await MayAsync(bob, "update"));
        Assert.True(await MayAsync(bob, "read"));
        var bobApi = await simulator.ApiAsync("bob@example.com");
        Assert.Equal(403, (await bobApi.RunAsync("update_page", new { pageId = page.Id(), title = "Bob was here" })).UpstreamStatus);

        await setup.RunAsync("set_page_restrictions", new { pageId = page.Id(), viewGroups = Admins });
        var read = (await (await simulator.ApiWithScopesOfAsync("get_page_restrictions")).RunAsync("get_page_restrictions", new { pageId = page.Id() })).Structured();
        Assert.Equal("confluence-admins", Assert.Single(read.GetProperty("view").GetProperty("groups").EnumerateArray()).GetProperty("name").GetString());
        Assert.Single(read.GetProperty("edit").GetProperty("users").EnumerateArray());
        Assert.False(await MayAsync(bob, "read"));
        var denied = (await checker.RunAsync("check_content_permission", new { contentId = page.Id(), accountId = bob, operation = "read" })).Succeeded();
        Assert.Contains("does not have permission", denied.Text, StringComparison.Ordinal);

        await setup.RunAsync("set_page_restrictions", new { pageId = page.Id(), viewGroups = Array.Empty<string>(), editUsers = Array.Empty<string>() });
        Assert.True(await MayAsync(bob, "update"));
        Assert.Contains(setup.Requests, r => r.Method == "DELETE" && r.Path == $"wiki/rest/api/content/{page.Id()}/restriction");
    }

    [Fact]
    public async Task Space_permissions_list_who_may_do_what()
    {
        var api = await simulator.ApiWithScopesOfAsync("get_space_permissions");

        var result = (await api.RunAsync("get_space_permissions", new { spaceKey = "ENG" })).Structured();

        var assignments = result.GetProperty("assignments").EnumerateArray().ToList();
        Assert.Contains(assignments, a => a.GetProperty("operation").GetString() == "administer" && a.GetProperty("principalType").GetString() == "group");
        Assert.Contains(assignments, a => a.GetProperty("operation").GetString() == "read" && a.GetProperty("targetType").GetString() == "space");
        Assert.Contains(api.Requests, r => r.Path.StartsWith($"wiki/api/v2/spaces/{result.GetProperty("spaceId").GetString()}/permissions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_images_come_back_as_image_content()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Diagram"));
        (await setup.RunAsync("upload_attachment", new { pageId = page.Id(), fileName = "flow.png", base64 = Convert.ToBase64String(Png), mediaType = "image/png" })).Succeeded();
        (await setup.RunAsync("upload_attachment", new { pageId = page.Id(), fileName = "notes.txt", text = "not an image", mediaType = "text/plain" })).Succeeded();
        var api = await simulator.ApiWithScopesOfAsync("get_page_images");

        var outcome = (await api.RunAsync("get_page_images", new { pageId = page.Id() })).Succeeded();

        var image = Assert.Single(outcome.Images!);
        Assert.Equal("image/png", image.MimeType);
        Assert.Equal(Png, Convert.FromBase64String(image.Data));
        Assert.Equal("flow.png", image.Name);
        var listed = Assert.Single(outcome.Structured().GetProperty("images").EnumerateArray());
        Assert.True(listed.GetProperty("sent").GetBoolean());
        var none = await api.RunAsync("get_page_images", new { pageId = page.Id(), fileName = "missing.png" });
        Assert.Equal(ToolOutcomeKind.ToolError, none.Kind);
    }
}
