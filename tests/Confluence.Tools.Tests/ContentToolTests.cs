using System.Text;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Blog posts, spaces, comments, whiteboards; each tool runs with a token holding only its declared scopes.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class ContentToolTests(SimulatorFixture simulator)
{
    private static readonly string[] TwoSpaceKeys = ["ENG", "PRO"];
    private static readonly string[] TwoLabels = ["runbook", "team-a"];

    [Fact]
    public async Task Blog_post_lifecycle()
    {
        var setup = await simulator.ApiAsync();
        var title = TestContent.UniqueTitle("Weekly");

        var created = (await (await simulator.ApiWithScopesOfAsync("create_blog_post")).RunAsync("create_blog_post",
            new { spaceKey = "ENG", title, body = "We shipped **things**." })).Structured();
        var id = created.GetProperty("id").GetString()!;
        var stored = await setup.GetJsonAsync($"wiki/api/v2/blogposts/{id}?body-format=storage");
        Assert.Contains("<strong>things</strong>", stored.StorageBody(), StringComparison.Ordinal);

        var read = (await (await simulator.ApiWithScopesOfAsync("get_blog_post")).RunAsync("get_blog_post", new { blogPostId = id })).Structured();
        Assert.Contains("**things**", read.GetProperty("body").GetString(), StringComparison.Ordinal);

        var listed = (await (await simulator.ApiWithScopesOfAsync("list_blog_posts")).RunAsync("list_blog_posts", new { spaceKey = "ENG", limit = 250 })).Structured();
        Assert.Contains(listed.GetProperty("results").EnumerateArray(), r => r.GetProperty("id").GetString() == id);

        (await (await simulator.ApiWithScopesOfAsync("update_blog_post")).RunAsync("update_blog_post", new { blogPostId = id, body = "Changed.", version = 1 })).Succeeded();
        Assert.Equal(2, (await setup.GetJsonAsync($"wiki/api/v2/blogposts/{id}")).Version());
        var stale = await setup.RunAsync("update_blog_post", new { blogPostId = id, body = "Again.", version = 1 });
        Assert.Equal(409, stale.UpstreamStatus);

        (await (await simulator.ApiWithScopesOfAsync("delete_blog_post")).RunAsync("delete_blog_post", new { blogPostId = id })).Succeeded();
        Assert.Equal(404, await setup.StatusOfAsync($"wiki/api/v2/blogposts/{id}"));
    }

    [Fact]
    public async Task Spaces_list_get_and_create()
    {
        var listed = (await (await simulator.ApiWithScopesOfAsync("list_spaces")).RunAsync("list_spaces", new { keys = TwoSpaceKeys })).Structured();
        Assert.Equal(["ENG", "PRO"], listed.GetProperty("results").EnumerateArray().Select(s => s.GetProperty("key").GetString()).Order());

        var space = (await (await simulator.ApiWithScopesOfAsync("get_space")).RunAsync("get_space", new { spaceKey = "ENG" })).Structured();
        Assert.NotNull(space.GetProperty("homepageId").GetString());
        Assert.StartsWith("https://", space.GetProperty("webUrl").GetString(), StringComparison.Ordinal);

        var key = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var created = (await (await simulator.ApiWithScopesOfAsync("create_space")).RunAsync("create_space",
            new { key, name = "Tools test", description = "Made by a test." })).Structured();
        Assert.Equal(key, created.GetProperty("key").GetString());
        var check = await simulator.ApiAsync();
        Assert.Equal("Tools test", (await check.GetJsonAsync($"wiki/api/v2/spaces?keys={key}")).GetProperty("results")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Comments_list_create_and_reply()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Discussed"));

        var comment = (await (await simulator.ApiWithScopesOfAsync("create_footer_comment")).RunAsync("create_footer_comment",
            new { pageId = page.Id(), body = "Is this **right**?" })).Structured();
        var commentId = comment.GetProperty("id").GetString()!;
        var reply = (await (await simulator.ApiWithScopesOfAsync("reply_to_comment")).RunAsync("reply_to_comment",
            new { commentId, body = "Yes." })).Structured();
        Assert.Equal(commentId, reply.GetProperty("parentCommentId").GetString());

        var listed = (await (await simulator.ApiWithScopesOfAsync("list_comments")).RunAsync("list_comments", new { pageId = page.Id() })).Succeeded().Text;
        Assert.Contains("Is this **right**?", listed, StringComparison.Ordinal);
        Assert.Contains($"reply to {commentId}", listed, StringComparison.Ordinal);
        var children = await setup.GetJsonAsync($"wiki/api/v2/footer-comments/{commentId}/children");
        Assert.Single(children.GetProperty("results").EnumerateArray());
    }

    [Fact]
    public async Task Inline_comments_show_their_selection()
    {
        var setup = await simulator.ApiAsync();
        var seeded = (await setup.GetJsonAsync("wiki/api/v2/inline-comments?limit=1")).GetProperty("results")[0];
        var pageId = seeded.GetProperty("pageId").GetString();

        var listed = (await (await simulator.ApiWithScopesOfAsync("list_comments")).RunAsync("list_comments", new { pageId, kind = "inline" })).Succeeded().Text;

        Assert.Contains("On the text: \"Run the script below.\"", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whiteboard_lifecycle()
    {
        var setup = await simulator.ApiAsync();
        var title = TestContent.UniqueTitle("Board");
        var created = (await (await simulator.ApiWithScopesOfAsync("create_whiteboard")).RunAsync("create_whiteboard", new { spaceKey = "ENG", title })).Structured();
        var id = created.GetProperty("id").GetString()!;

        var read = (await (await simulator.ApiWithScopesOfAsync("get_whiteboard")).RunAsync("get_whiteboard", new { whiteboardId = id })).Structured();
        Assert.Equal(title, read.GetProperty("title").GetString());

        (await (await simulator.ApiWithScopesOfAsync("delete_whiteboard")).RunAsync("delete_whiteboard", new { whiteboardId = id })).Succeeded();
        Assert.Equal(404, await setup.StatusOfAsync($"wiki/api/v2/whiteboards/{id}"));
    }

    [Fact]
    public async Task Attachments_upload_list_read_and_delete()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Files"));
        var content = "line one\nline two ✓\n";

        var uploader = await simulator.ApiWithScopesOfAsync("upload_attachment");
        (await uploader.RunAsync("upload_attachment", new { pageId = page.Id(), fileName = "notes.md", text = content, mediaType = "text/markdown", comment = "first" })).Succeeded();
        var upload = Assert.Single(uploader.Requests).Upload!;
        Assert.Equal(Encoding.UTF8.GetBytes(content), upload.Content);
        (await setup.RunAsync("upload_attachment", new { pageId = page.Id(), fileName = "pixel.png", base64 = Convert.ToBase64String([137, 80, 78, 71]), mediaType = "image/png" })).Succeeded();

        var stored = (await setup.GetJsonAsync($"wiki/api/v2/pages/{page.Id()}/attachments")).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, stored.Count);
        var text = stored.Single(a => a.GetProperty("title").GetString() == "notes.md").Id();
        var image = stored.Single(a => a.GetProperty("title").GetString() == "pixel.png").Id();

        var listed = (await (await simulator.ApiWithScopesOfAsync("list_attachments")).RunAsync("list_attachments", new { pageId = page.Id() })).Succeeded().Text;
        Assert.Contains("**notes.md**", listed, StringComparison.Ordinal);
        var metadata = (await (await simulator.ApiWithScopesOfAsync("get_attachment")).RunAsync("get_attachment", new { attachmentId = text })).Structured();
        Assert.Equal("text/markdown", metadata.GetProperty("mediaType").GetString());
        Assert.Equal(page.Id(), metadata.GetProperty("pageId").GetString());

        var reader = await simulator.ApiWithScopesOfAsync("download_attachment");
        var downloaded = (await reader.RunAsync("download_attachment", new { attachmentId = text })).Succeeded().Text;
        Assert.Contains(content, downloaded, StringComparison.Ordinal);
        var refused = await reader.RunAsync("download_attachment", new { attachmentId = image });
        Assert.Equal(ToolOutcomeKind.ToolError, refused.Kind);
        Assert.Contains("image/png, not text", refused.Text, StringComparison.Ordinal);

        (await (await simulator.ApiWithScopesOfAsync("delete_attachment")).RunAsync("delete_attachment", new { attachmentId = text })).Succeeded();
        Assert.Equal(404, await setup.StatusOfAsync($"wiki/api/v2/attachments/{text}"));
    }

    [Fact]
    public async Task Labels_add_list_and_remove()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Labelled"));

        (await (await simulator.ApiWithScopesOfAsync("add_labels")).RunAsync("add_labels", new { contentId = page.Id(), labels = TwoLabels })).Succeeded();
        var listed = (await (await simulator.ApiWithScopesOfAsync("list_labels")).RunAsync("list_labels", new { contentId = page.Id() })).Succeeded().Text;
        Assert.Contains("- runbook", listed, StringComparison.Ordinal);
        Assert.Contains("- team-a", listed, StringComparison.Ordinal);

        (await (await simulator.ApiWithScopesOfAsync("remove_label")).RunAsync("remove_label", new { contentId = page.Id(), label = "runbook" })).Succeeded();
        var names = (await setup.GetJsonAsync($"wiki/api/v2/pages/{page.Id()}/labels")).GetProperty("results").EnumerateArray().Select(l => l.GetProperty("name").GetString());
        Assert.Equal(["team-a"], names);
    }

    [Fact]
    public async Task Page_properties_are_created_then_updated_with_the_next_version()
    {
        var setup = await simulator.ApiAsync();
        var page = await setup.CreatePageAsync(TestContent.UniqueTitle("Props"));
        var setter = await simulator.ApiWithScopesOfAsync("set_page_property");

        var first = (await setter.RunAsync("set_page_property", new { pageId = page.Id(), key = "review", value = new { state = "draft" } })).Structured();
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        var second = (await setter.RunAsync("set_page_property", new { pageId = page.Id(), key = "review", value = new { state = "approved" } })).Structured();
        Assert.Equal(2, second.GetProperty("version").GetInt32());

        var reader = await simulator.ApiWithScopesOfAsync("get_page_property");
        var read = (await reader.RunAsync("get_page_property", new { pageId = page.Id(), key = "review" })).Succeeded().Text;
        Assert.Contains("{\"state\":\"approved\"}", read, StringComparison.Ordinal);
        var missing = await reader.RunAsync("get_page_property", new { pageId = page.Id(), key = "nope" });
        Assert.Equal(404, missing.UpstreamStatus);
    }

    [Fact]
    public async Task People_and_groups()
    {
        var me = (await (await simulator.ApiWithScopesOfAsync("get_current_user")).RunAsync("get_current_user", new { })).Succeeded().Text;
        Assert.Contains("alice@example.com", me, StringComparison.Ordinal);

        var found = (await (await simulator.ApiWithScopesOfAsync("search_users")).RunAsync("search_users", new { name = "bob" })).Succeeded().Text;
        var accountId = found.Split("account id ")[1].Split([',', ')'])[0];
        var user = (await (await simulator.ApiWithScopesOfAsync("get_user")).RunAsync("get_user", new { accountId })).Succeeded().Text;
        Assert.Contains(accountId, user, StringComparison.Ordinal);

        var groups = (await (await simulator.ApiWithScopesOfAsync("list_groups")).RunAsync("list_groups", new { })).Succeeded().Text;
        Assert.Contains("confluence-admins", groups, StringComparison.Ordinal);
        var groupId = groups.Split("confluence-admins** (group id ")[1].Split(')')[0];
        var members = (await (await simulator.ApiWithScopesOfAsync("get_group_members")).RunAsync("get_group_members", new { groupId })).Succeeded().Text;
        Assert.Contains("alice@example.com", members, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accessible_sites_come_from_the_transport()
    {
        var api = await simulator.ApiAsync();
        var outcome = (await api.RunAsync("list_accessible_sites", new { })).Succeeded();
        Assert.Contains(simulator.CloudId, outcome.Text, StringComparison.Ordinal);
        Assert.Equal(0, api.RequestCount);
        Assert.Equal(simulator.CloudId, outcome.Structured().GetProperty("sites")[0].GetProperty("cloudId").GetString());
    }

    [Fact]
    public async Task Read_tools_work_with_exactly_their_declared_scopes()
    {
        var setup = await simulator.ApiAsync();
        var root = await setup.CreatePageAsync(TestContent.UniqueTitle("Scoped"));
        var child = await setup.CreatePageAsync(TestContent.UniqueTitle("Scoped child"), parentId: root.Id());
        var calls = new (string Tool, object Arguments)[]
        {
            ("search_content", new { query = "deployment" }),
            ("search", new { query = "deployment" }),
            ("get_page", new { pageId = root.Id() }),
            ("get_page", new { title = root.GetProperty("title").GetString(), spaceKey = "ENG" }),
            ("list_pages", new { spaceKey = "ENG" }),
            ("get_page_children", new { pageId = root.Id() }),
            ("get_page_tree", new { pageId = root.Id() }),
            ("get_page_ancestors", new { pageId = child.Id() }),
            ("get_page_versions", new { pageId = root.Id() }),
        };
        var mismatchesBefore = (await simulator.CountersAsync()).GetValueOrDefault("api.scope_mismatch");
        foreach (var (tool, arguments) in calls)
        {
            var outcome = await (await simulator.ApiWithScopesOfAsync(tool)).RunAsync(tool, arguments);
            Assert.True(outcome.IsSuccess, $"{tool}: {outcome.Text}");
        }
        Assert.Equal(mismatchesBefore, (await simulator.CountersAsync()).GetValueOrDefault("api.scope_mismatch"));
    }
}
