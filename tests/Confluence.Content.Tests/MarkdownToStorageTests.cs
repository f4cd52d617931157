using System.Xml.Linq;

namespace Platform.Confluence.Content.Tests;

public sealed class MarkdownToStorageTests
{
    private static readonly XNamespace Ac = "http://atlassian.com/content";
    private static readonly XNamespace Ri = "http://atlassian.com/resource/identifier";

    [Fact]
    public void Headings_and_paragraphs_become_their_elements()
    {
        Assert.Equal("<h1>Title</h1>\n<h3>Sub</h3>\n<p>Some text.</p>\n", MarkdownToStorage.Convert("# Title\n\n### Sub\n\nSome text."));
    }

    [Fact]
    public void Emphasis_strike_and_inline_code_become_inline_elements()
    {
        Assert.Equal(
            "<p><strong>bold</strong> <em>italic</em> <s>gone</s> <code>a &lt; b</code></p>\n",
            MarkdownToStorage.Convert("**bold** *italic* ~~gone~~ `a < b`"));
    }

    [Fact]
    public void Links_become_anchors_and_text_is_escaped()
    {
        Assert.Equal(
            "<p>See <a href=\"https://example.com/?a=1&amp;b=2\">docs &amp; more</a>.</p>\n",
            MarkdownToStorage.Convert("See [docs & more](https://example.com/?a=1&b=2)."));
    }

    [Fact]
    public void Page_attachment_and_space_pseudo_links_become_resource_links()
    {
        var storage = MarkdownToStorage.Convert(
            "[guide](<page:OPS/Deployment guide#rollback>) [plan](attachment:plan.xlsx) [home](space:ARCH) [local](<page:Release notes>)");

        Assert.Equal(
            "<p><ac:link ac:anchor=\"rollback\"><ri:page ri:space-key=\"OPS\" ri:content-title=\"Deployment guide\" /><ac:link-body>guide</ac:link-body></ac:link> "
            + "<ac:link><ri:attachment ri:filename=\"plan.xlsx\" /><ac:link-body>plan</ac:link-body></ac:link> "
            + "<ac:link><ri:space ri:space-key=\"ARCH\" /><ac:link-body>home</ac:link-body></ac:link> "
            + "<ac:link><ri:page ri:content-title=\"Release notes\" /><ac:link-body>local</ac:link-body></ac:link></p>\n",
            storage);
    }

    [Fact]
    public void Images_become_ac_image_with_a_url_or_an_attachment()
    {
        Assert.Equal(
            "<p><ac:image ac:alt=\"Flow\"><ri:url ri:value=\"https://example.com/flow.png\" /></ac:image> "
            + "<ac:image ac:alt=\"Local\"><ri:attachment ri:filename=\"diagram one.png\" /></ac:image></p>\n",
            MarkdownToStorage.Convert("![Flow](https://example.com/flow.png) ![Local](<attachment:diagram one.png>)"));
    }

    [Fact]
    public void Nested_lists_keep_their_nesting_and_start_number()
    {
        Assert.Equal(
            "<ul><li>one<ul><li>one.a</li></ul>\n</li><li>two</li></ul>\n<ol start=\"3\"><li>three</li><li>four</li></ol>\n",
            MarkdownToStorage.Convert("- one\n  - one.a\n- two\n\n3. three\n4. four"));
    }

    [Fact]
    public void Task_lists_become_numbered_confluence_tasks()
    {
        var storage = MarkdownToStorage.Convert("- [ ] book the room\n- [x] send the agenda\n  - [ ] attach slides");

        Assert.Equal(
            "<ac:task-list>\n"
            + "<ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>book the room</ac:task-body></ac:task>\n"
            + "<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>send the agenda</ac:task-body></ac:task>\n"
            + "<ac:task-list>\n"
            + "<ac:task><ac:task-id>3</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>attach slides</ac:task-body></ac:task>\n"
            + "</ac:task-list>\n"
            + "</ac:task-list>\n",
            storage);
    }

    [Fact]
    public void A_list_mixing_tasks_and_bullets_stays_a_bullet_list_with_visible_markers()
    {
        Assert.Equal("<ul><li>[x] done</li><li>plain</li></ul>\n", MarkdownToStorage.Convert("- [x] done\n- plain"));
    }

    [Fact]
    public void Account_id_mentions_become_user_links_and_other_at_signs_stay_text()
    {
        Assert.Equal(
            "<p>ask <ac:link><ri:user ri:account-id=\"5b10ac8d82e05b22cc7d4ef5\" /></ac:link> and "
            + "<ac:link><ri:user ri:account-id=\"557058:1c2d3e4f-aaaa-bbbb-cccc-0123456789ab\" /></ac:link>, "
            + "not @team or ops@5b10ac8d82e05b22cc7d4ef5</p>\n",
            MarkdownToStorage.Convert("ask @5b10ac8d82e05b22cc7d4ef5 and @557058:1c2d3e4f-aaaa-bbbb-cccc-0123456789ab, not @team or ops@5b10ac8d82e05b22cc7d4ef5"));
    }

    [Fact]
    public void Pipe_tables_become_tables_with_a_header_row_and_padded_rows()
    {
        Assert.Equal(
            "<table><tbody><tr><th>Name</th><th>Port</th></tr><tr><td>api</td><td><code>8080</code></td></tr><tr><td>a<br />b</td><td></td></tr></tbody></table>\n",
            MarkdownToStorage.Convert("| Name | Port |\n| --- | --- |\n| api | `8080` |\n| a<br>b |"));
    }

    [Fact]
    public void An_escaped_pipe_in_a_code_span_in_a_table_is_a_plain_pipe()
    {
        Assert.Contains("<td><code>a|b</code></td>", MarkdownToStorage.Convert("| x |\n| --- |\n| `a\\|b` |"), StringComparison.Ordinal);
    }

    [Fact]
    public void Fenced_code_becomes_the_code_macro_with_language_and_cdata_body()
    {
        Assert.Equal(
            "<ac:structured-macro ac:name=\"code\" ac:schema-version=\"1\"><ac:parameter ac:name=\"language\">csharp</ac:parameter>"
            + "<ac:plain-text-body><![CDATA[var x = a < b && c;\nConsole.WriteLine(x);]]></ac:plain-text-body></ac:structured-macro>\n",
            MarkdownToStorage.Convert("```csharp\nvar x = a < b && c;\nConsole.WriteLine(x);\n```"));
    }

    [Fact]
    public void A_cdata_terminator_inside_code_is_split_and_survives_parsing()
    {
        var storage = MarkdownToStorage.Convert("```\nvar s = \"]]>\";\n```");

        Assert.Contains("<![CDATA[var s = \"]]]]><![CDATA[>\";]]>", storage, StringComparison.Ordinal);
        Assert.Equal("var s = \"]]>\";", StorageAssert.WellFormed(storage).Descendants(Ac + "plain-text-body").Single().Value);
    }

    [Fact]
    public void Code_without_a_language_has_no_language_parameter()
    {
        Assert.DoesNotContain("language", MarkdownToStorage.Convert("    indented code"), StringComparison.Ordinal);
    }

    [Fact]
    public void Blockquotes_rules_and_hard_breaks_map_to_xhtml()
    {
        Assert.Equal(
            "<blockquote><p>quoted<br />next line</p>\n</blockquote>\n<hr />\n",
            MarkdownToStorage.Convert("> quoted\\\n> next line\n\n---"));
    }

    [Fact]
    public void A_labelled_blockquote_becomes_the_panel_macro_it_was_read_from()
    {
        Assert.Equal(
            "<ac:structured-macro ac:name=\"warning\" ac:schema-version=\"1\"><ac:rich-text-body><p>Do not <strong>restart</strong>.</p>\n"
            + "<ul><li>ever</li></ul>\n</ac:rich-text-body></ac:structured-macro>\n",
            MarkdownToStorage.Convert("> **Warning:** Do not **restart**.\n>\n> - ever"));
    }

    [Fact]
    public void A_titled_panel_heading_becomes_the_title_parameter()
    {
        Assert.Equal(
            "<ac:structured-macro ac:name=\"panel\" ac:schema-version=\"1\"><ac:parameter ac:name=\"title\">At a glance</ac:parameter>"
            + "<ac:rich-text-body><p>Body</p>\n</ac:rich-text-body></ac:structured-macro>\n",
            MarkdownToStorage.Convert("> **Panel: At a glance**\n>\n> Body"));
    }

    [Theory]
    [InlineData("> **Warning: not a title** because text follows")]
    [InlineData("> **Danger:** not a known label")]
    [InlineData("> *Info:* only emphasis")]
    public void Other_blockquotes_stay_blockquotes(string markdown) =>
        Assert.StartsWith("<blockquote>", MarkdownToStorage.Convert(markdown), StringComparison.Ordinal);

    [Fact]
    public void Raw_html_blocks_are_escaped_text_not_markup()
    {
        var storage = MarkdownToStorage.Convert("<script>alert('x')</script>\n\n<div class=\"x\">hi</div>");

        Assert.DoesNotContain("<script", storage, StringComparison.Ordinal);
        Assert.DoesNotContain("<div", storage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;", storage, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_storage_macros_in_markdown_cannot_be_injected()
    {
        var storage = MarkdownToStorage.Convert(
            "Hello <ac:structured-macro ac:name=\"html\"><ac:plain-text-body><![CDATA[<iframe src=x>]]></ac:plain-text-body></ac:structured-macro> there");

        var root = StorageAssert.WellFormed(storage);
        Assert.Empty(root.Descendants(Ac + "structured-macro"));
        Assert.Contains("<ac:structured-macro ac:name=\"html\">", root.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))", "click (javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))", "click (JavaScript:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)", "click (data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![img](javascript:alert(1))", "![img](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    [InlineData("<vbscript:msgbox>", "vbscript:msgbox")]
    public void Links_and_images_with_unsafe_schemes_stay_visible_text(string markdown, string text)
    {
        var root = StorageAssert.WellFormed(MarkdownToStorage.Convert(markdown));

        Assert.Empty(root.Descendants("a"));
        Assert.Empty(root.Descendants(Ac + "image"));
        Assert.Equal(text, root.Element("p")!.Value);
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_dropped_so_the_output_parses()
    {
        var root = StorageAssert.WellFormed(MarkdownToStorage.Convert("bell\u0007 here\n\n```\nnul\u0000\n```"));

        Assert.Equal("bell here", root.Element("p")!.Value);
    }

    [Fact]
    public void Entities_and_autolinks_are_resolved()
    {
        Assert.Equal(
            "<p>a © b <a href=\"https://example.com\">https://example.com</a> <a href=\"mailto:ops@example.com\">ops@example.com</a></p>\n",
            MarkdownToStorage.Convert("a &copy; b <https://example.com> <ops@example.com>"));
    }

    [Fact]
    public void Ri_and_ac_elements_written_are_in_their_namespaces()
    {
        var root = StorageAssert.WellFormed(MarkdownToStorage.Convert("- [ ] task with ![i](attachment:a.png)"));

        Assert.Single(root.Descendants(Ac + "task"));
        Assert.Equal("a.png", root.Descendants(Ri + "attachment").Single().Attribute(Ri + "filename")!.Value);
    }

    [Theory]
    [MemberData(nameof(StorageToMarkdownFixtureTests.FixtureNames), MemberType = typeof(StorageToMarkdownFixtureTests))]
    public void Every_fixture_converted_to_markdown_and_back_is_well_formed_storage(string name)
    {
        var markdown = StorageToMarkdown.Convert(Fixtures.Storage(name));

        StorageAssert.WellFormed(MarkdownToStorage.Convert(markdown));
    }

    [Fact]
    public void Empty_markdown_gives_empty_storage() => Assert.Equal(string.Empty, MarkdownToStorage.Convert(string.Empty));
}
