using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Markdown edits through update_page and update_page_section against the simulator: only what the model changed is rewritten.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class MarkdownEditToolTests(SimulatorFixture simulator)
{
    private const string Section =
        "<h1>Guide</h1><p>Intro.</p><h2>Install</h2><p>Run <code>make</code>.</p><ac:structured-macro ac:name=\"toc\" ac:schema-version=\"1\" />" +
        "<h2>Use</h2><p>Call it.</p>";

    [Fact]
    public async Task Changing_one_paragraph_of_a_page_read_as_markdown_keeps_every_other_block_byte_identical()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Edit one"), TestContent.RealisticStorage);
        var read = (await api.RunAsync("get_page", new { pageId = page.Id() })).Structured();
        var markdown = read.GetProperty("body").GetString()!;
        Assert.Contains("[macro: toc maxLevel=2]", markdown, StringComparison.Ordinal);

        var edited = markdown.Replace("## Runbook", "## Runbook for the payments API", StringComparison.Ordinal);
        var update = (await api.RunAsync("update_page", new { pageId = page.Id(), body = edited, version = 1 })).Structured();

        var after = (await api.PageAsync(page.Id())).StorageBody();
        Assert.Equal(TestContent.RealisticStorage.Replace("<h2>Runbook</h2>", "<h2>Runbook for the payments API</h2>", StringComparison.Ordinal), after);
        Assert.True(update.GetProperty("changed").GetBoolean());
        Assert.Equal(2, update.GetProperty("version").GetInt32());
        var edit = update.GetProperty("bodyEdit");
        Assert.Equal(1, edit.GetProperty("rewrittenBlocks").GetInt32());
        Assert.Equal(6, edit.GetProperty("unchangedBlocks").GetInt32());
    }

    [Fact]
    public async Task A_markdown_change_that_would_lose_a_macro_is_refused_and_nothing_is_written()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Keep macros"), TestContent.RealisticStorage);
        var markdown = (await api.RunAsync("get_page", new { pageId = page.Id() })).Structured().GetProperty("body").GetString()!;

        var outcome = await api.RunAsync("update_page", new { pageId = page.Id(), body = markdown.Replace("[macro: toc maxLevel=2]", "", StringComparison.Ordinal) });

        Assert.Equal(ToolOutcomeKind.ToolError, outcome.Kind);
        Assert.Contains("the 'toc' macro", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("update_page_section", outcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(api.Requests, r => r.Method == "PUT");
        Assert.Equal(TestContent.RealisticStorage, (await api.PageAsync(page.Id())).StorageBody());

        var confirmed = (await api.RunAsync("update_page", new
        {
            pageId = page.Id(), body = markdown.Replace("[macro: toc maxLevel=2]", "", StringComparison.Ordinal), confirmLosses = true,
        })).Structured();
        Assert.Contains("'toc' macro", confirmed.GetProperty("bodyEdit").GetProperty("confirmedLosses")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ac:name=\"toc\"", (await api.PageAsync(page.Id())).StorageBody(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_page_section_replaces_only_the_content_under_the_heading()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Sections"), Section);

        var outcome = (await api.RunAsync("update_page_section", new
        {
            pageId = page.Id(), heading = "## install", body = "Run `make install`.\n\n[macro: toc]\n", versionMessage = "install step",
        })).Structured();

        var after = await api.PageAsync(page.Id());
        Assert.Equal(Section.Replace("<p>Run <code>make</code>.</p>", "<p>Run <code>make install</code>.</p>", StringComparison.Ordinal), after.StorageBody());
        Assert.Equal(2, after.Version());
        Assert.Equal("install step", after.GetProperty("version").GetProperty("message").GetString());
        Assert.Equal(1, outcome.GetProperty("bodyEdit").GetProperty("rewrittenBlocks").GetInt32());
    }

    [Fact]
    public async Task Update_page_section_in_storage_and_its_mistakes()
    {
        var api = await simulator.ApiAsync();
        var page = await api.CreatePageAsync(TestContent.UniqueTitle("Section storage"), Section);

        (await api.RunAsync("update_page_section", new { pageId = page.Id(), heading = "Use", body = "<p>Call it <u>twice</u>.</p>", format = "storage" })).Succeeded();
        var missing = await api.RunAsync("update_page_section", new { pageId = page.Id(), heading = "Deploy", body = "x" });
        var stale = await api.RunAsync("update_page_section", new { pageId = page.Id(), heading = "Use", body = "x", version = 1 });

        Assert.EndsWith("<h2>Use</h2><p>Call it <u>twice</u>.</p>", (await api.PageAsync(page.Id())).StorageBody(), StringComparison.Ordinal);
        Assert.Equal(ToolOutcomeKind.ToolError, missing.Kind);
        Assert.Contains("No heading 'Deploy' on this page. Its headings: # Guide; ## Install; ## Use.", missing.Text, StringComparison.Ordinal);
        Assert.Equal(409, stale.UpstreamStatus);
        Assert.Single(api.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Update_page_section_needs_its_arguments_before_any_call()
    {
        var api = await simulator.ApiAsync();

        var outcome = await api.RunJsonAsync("update_page_section", JsonSerializer.Serialize(new { pageId = "1", heading = "  ", body = "x" }));

        Assert.Equal(ToolOutcomeKind.InvalidArguments, outcome.Kind);
        Assert.Equal("'heading' must not be empty", outcome.Text);
        Assert.Equal(0, api.RequestCount);
    }
}
