using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Platform.Demo;
using Platform.Mcp.Tests.Infrastructure;

namespace Platform.Mcp.Tests;

/// <summary>Reading and writing pages through MCP as a model would: Markdown by default, storage for lossless edits.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ContentToolTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_page_created_from_markdown_reads_back_with_its_table_code_and_link()
    {
        var (client, site) = await ConnectAsync();
        await using var _ = client;
        var title = $"Runbook {Guid.NewGuid():N}";
        const string Markdown = "# Restart\n\n| Step | Command |\n| --- | --- |\n| 1 | `systemctl restart api` |\n\nSee [the docs](https://example.test/docs).\n\n```bash\necho ok\n```\n";

        var created = await client.CallToolAsync("create_page", new Dictionary<string, object?> { ["spaceKey"] = site.SpaceKey, ["title"] = title, ["body"] = Markdown });
        var pageId = Structured(created).GetProperty("id").GetString();
        var read = (await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = pageId })).Text();

        Assert.NotEqual(true, created.IsError);
        Assert.Contains(title, read, StringComparison.Ordinal);
        Assert.Contains("| Step | Command |", read, StringComparison.Ordinal);
        Assert.Contains("[the docs](https://example.test/docs)", read, StringComparison.Ordinal);
        Assert.Contains("```bash", read, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_read_as_storage_and_written_back_unchanged_is_byte_identical_upstream_and_writes_no_version()
    {
        var (client, site) = await ConnectAsync();
        await using var _ = client;
        const string Storage = "<p>Intro</p><ac:structured-macro ac:name=\"info\" ac:schema-version=\"1\"><ac:rich-text-body><p>Keep <strong>this</strong></p></ac:rich-text-body></ac:structured-macro><table><tbody><tr><th colspan=\"2\">Merged</th></tr></tbody></table>";
        var created = await client.CallToolAsync("create_page", new Dictionary<string, object?>
        {
            ["spaceKey"] = site.SpaceKey, ["title"] = $"Storage {Guid.NewGuid():N}", ["body"] = Storage, ["format"] = "storage",
        });
        var pageId = Structured(created).GetProperty("id").GetString();

        var before = Structured(await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = pageId, ["format"] = "storage" }));
        var body = before.GetProperty("body").GetString();
        var updated = await client.CallToolAsync("update_page", new Dictionary<string, object?>
        {
            ["pageId"] = pageId, ["body"] = body, ["format"] = "storage", ["version"] = before.GetProperty("version").GetInt32(),
        });
        var after = Structured(await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = pageId, ["format"] = "storage" }));

        Assert.NotEqual(true, updated.IsError);
        Assert.Equal(Storage, body);
        Assert.Equal(body, after.GetProperty("body").GetString());
        Assert.False(Structured(updated).GetProperty("changed").GetBoolean());
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_update_based_on_a_stale_version_is_a_conflict_naming_the_current_version()
    {
        var (client, site) = await ConnectAsync();
        await using var _ = client;
        var created = await client.CallToolAsync("create_page", new Dictionary<string, object?> { ["spaceKey"] = site.SpaceKey, ["title"] = $"Busy {Guid.NewGuid():N}", ["body"] = "v1" });
        var pageId = Structured(created).GetProperty("id").GetString();
        await client.CallToolAsync("update_page", new Dictionary<string, object?> { ["pageId"] = pageId, ["body"] = "v2 by someone else" });

        var stale = await client.CallToolAsync("update_page", new Dictionary<string, object?> { ["pageId"] = pageId, ["body"] = "my v2", ["version"] = 1 });
        var current = (await client.CallToolAsync("get_page", new Dictionary<string, object?> { ["pageId"] = pageId })).Text();

        Assert.True(stale.IsError);
        Assert.Contains("2", stale.Text(), StringComparison.Ordinal);
        Assert.Contains("someone else", current, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_a_new_page_by_plain_text_and_treats_operators_literally()
    {
        var (client, site) = await ConnectAsync();
        await using var _ = client;
        var marker = $"zebra{Guid.NewGuid():N}"[..20];
        await client.CallToolAsync("create_page", new Dictionary<string, object?> { ["spaceKey"] = site.SpaceKey, ["title"] = $"Notes {marker}", ["body"] = $"The {marker} migrates." });

        var found = Structured(await client.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = marker }));
        var injected = await client.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = "\" OR type = page OR text ~ \"" });

        Assert.Contains($"Notes {marker}", found.GetProperty("results").EnumerateArray().Select(hit => hit.GetProperty("title").GetString()));
        Assert.NotEqual(true, injected.IsError);
        Assert.DoesNotContain(marker, injected.Text(), StringComparison.Ordinal);
    }

    private async Task<(McpClient Client, SeededSite Site)> ConnectAsync()
    {
        var alice = await gateway.ConnectedUserAsync();
        return (await gateway.ConnectClientAsync(alice.Tenant, alice.Key), await SeededSite.ReadAsync(gateway.Playground.Simulator));
    }

    private static JsonElement Structured(CallToolResult result) =>
        result.StructuredContent ?? throw new InvalidOperationException($"No structured content: {result.Text()}");

    [Fact]
    public async Task The_images_of_a_page_come_back_as_image_content_the_model_can_see()
    {
        var (client, site) = await ConnectAsync();
        await using var _ = client;
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var created = await client.CallToolAsync("create_page", new Dictionary<string, object?> { ["spaceKey"] = site.SpaceKey, ["title"] = $"Diagram {Guid.NewGuid():N}", ["body"] = "See the flow." });
        var pageId = Structured(created).GetProperty("id").GetString();
        var uploaded = await client.CallToolAsync("upload_attachment", new Dictionary<string, object?>
        {
            ["pageId"] = pageId, ["fileName"] = "flow.png", ["base64"] = Convert.ToBase64String(png), ["mediaType"] = "image/png",
        });

        var images = await client.CallToolAsync("get_page_images", new Dictionary<string, object?> { ["pageId"] = pageId });

        Assert.NotEqual(true, uploaded.IsError);
        Assert.NotEqual(true, images.IsError);
        var image = Assert.Single(images.Content.OfType<ImageContentBlock>());
        Assert.Equal("image/png", image.MimeType);
        Assert.Equal(png, Convert.FromBase64String(Encoding.ASCII.GetString(image.Data.Span)));
    }
}
