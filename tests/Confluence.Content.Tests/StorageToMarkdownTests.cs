namespace Platform.Confluence.Content.Tests;

public sealed class StorageToMarkdownTests
{
    [Theory]
    [InlineData("<p>a&nbsp;b&mdash;c &ndash; &hellip; &euro;5 &copy; &#169; &#x1F600;</p>", "a b—c – … €5 © © 😀\n")]
    [InlineData("<p>AT&T &amp; &lt;tag&gt;</p>", "AT&T & \\<tag>\n")]
    [InlineData("<p>&bogus;</p>", "\\&bogus;\n")]
    public void Entities_decode_to_characters(string storage, string markdown) =>
        Assert.Equal(markdown, StorageToMarkdown.Convert(storage));

    [Fact]
    public void Emphasis_keeps_edge_spaces_outside_its_markers()
    {
        Assert.Equal("a **bold** b *it* c\n", StorageToMarkdown.Convert("<p>a<strong> bold </strong>b <em>it </em>c</p>"));
    }

    [Fact]
    public void Empty_emphasis_and_empty_paragraphs_disappear()
    {
        Assert.Equal("text\n", StorageToMarkdown.Convert("<p>&nbsp;</p><p><strong></strong>text</p><p> </p>"));
    }

    [Fact]
    public void Whitespace_in_xhtml_collapses_like_a_browser_does()
    {
        Assert.Equal("one two three\n", StorageToMarkdown.Convert("<p>\n  one\n\ttwo   <span>three</span>\n</p>"));
    }

    [Fact]
    public void Markdown_syntax_in_text_is_escaped()
    {
        Assert.Equal(
            "\\# not heading \\*x\\* \\`y\\` \\[z\\] \\_lead snake_case\n",
            StorageToMarkdown.Convert("<p># not heading *x* `y` [z] _lead snake_case</p>"));
    }

    [Theory]
    [InlineData("<p>1. not a list</p>", "1\\. not a list\n")]
    [InlineData("<p>- not a bullet</p>", "\\- not a bullet\n")]
    [InlineData("<p>&gt; not a quote</p>", "\\> not a quote\n")]
    public void A_paragraph_that_looks_like_block_syntax_is_escaped(string storage, string markdown) =>
        Assert.Equal(markdown, StorageToMarkdown.Convert(storage));

    [Fact]
    public void Code_spans_and_fences_outgrow_backticks_inside_them()
    {
        var markdown = StorageToMarkdown.Convert(
            "<p><code>a`b</code></p><ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[```\ninner\n```]]></ac:plain-text-body></ac:structured-macro>");

        Assert.Equal("``a`b``\n\n````\n```\ninner\n```\n````\n", markdown);
    }

    [Theory]
    [InlineData("<code> padded </code>", "`  padded  `")]
    [InlineData("<code>`tick</code>", "`` `tick ``")]
    [InlineData("<code> lead</code>", "` lead`")]
    public void Code_spans_keep_their_edge_spaces_and_backticks(string storage, string markdown) =>
        Assert.Equal(markdown + "\n", StorageToMarkdown.Convert($"<p>{storage}</p>"));

    [Fact]
    public void Code_fence_content_keeps_its_blank_lines_and_indentation()
    {
        var markdown = StorageToMarkdown.Convert(
            "<ac:structured-macro ac:name=\"code\"><ac:parameter ac:name=\"language\">python</ac:parameter><ac:plain-text-body><![CDATA[def f():\n    x = 1   \n\n\n    return x]]></ac:plain-text-body></ac:structured-macro>");

        Assert.Equal("```python\ndef f():\n    x = 1   \n\n\n    return x\n```\n", markdown);
    }

    [Fact]
    public void Noformat_and_pre_become_fences_without_language()
    {
        Assert.Equal(
            "```\nraw *text*\n```\n\n```\npre text\n```\n",
            StorageToMarkdown.Convert("<ac:structured-macro ac:name=\"noformat\"><ac:plain-text-body><![CDATA[raw *text*]]></ac:plain-text-body></ac:structured-macro><pre>pre text</pre>"));
    }

    [Theory]
    [InlineData("info", "Info")]
    [InlineData("note", "Note")]
    [InlineData("warning", "Warning")]
    [InlineData("tip", "Tip")]
    public void Panel_macros_become_labelled_blockquotes(string macro, string label)
    {
        var storage = $"<ac:structured-macro ac:name=\"{macro}\"><ac:rich-text-body><p>First.</p><p>Second.</p></ac:rich-text-body></ac:structured-macro>";

        Assert.Equal($"> **{label}:** First.\n>\n> Second.\n", StorageToMarkdown.Convert(storage));
    }

    [Fact]
    public void An_unknown_macro_keeps_its_name_parameters_and_body()
    {
        var storage = """
            <ac:structured-macro ac:name="custom-chart" ac:schema-version="1">
              <ac:parameter ac:name="type">pie chart</ac:parameter>
              <ac:parameter ac:name="owner"><ri:user ri:account-id="abc123" /></ac:parameter>
              <ac:rich-text-body><p>Body text</p></ac:rich-text-body>
            </ac:structured-macro>
            """;

        Assert.Equal("[macro: custom-chart type=\"pie chart\" owner=@abc123]\n\nBody text\n\n[/macro: custom-chart]\n", StorageToMarkdown.Convert(storage));
    }

    [Fact]
    public void An_unknown_macro_with_a_plain_text_body_shows_it_as_code()
    {
        Assert.Equal(
            "[macro: html]\n\n```\n<iframe src=\"x\"></iframe>\n```\n",
            StorageToMarkdown.Convert("<ac:structured-macro ac:name=\"html\"><ac:plain-text-body><![CDATA[<iframe src=\"x\"></iframe>]]></ac:plain-text-body></ac:structured-macro>"));
    }

    [Fact]
    public void Inline_macros_read_as_placeholders_within_the_sentence()
    {
        var storage = "<p>State<ac:structured-macro ac:name=\"status\"><ac:parameter ac:name=\"title\">DONE</ac:parameter></ac:structured-macro>"
            + "for<ac:structured-macro ac:name=\"jira\"><ac:parameter ac:name=\"jqlQuery\">project = PAY</ac:parameter></ac:structured-macro>now</p>";

        Assert.Equal("State [Status: DONE] for [macro: jira jqlQuery=\"project = PAY\"] now\n", StorageToMarkdown.Convert(storage));
    }

    [Fact]
    public void Emoticons_become_emoji_or_their_name()
    {
        Assert.Equal(
            "ok ✅ 👍 :custom-thing:\n",
            StorageToMarkdown.Convert("<p>ok <ac:emoticon ac:name=\"tick\" /> <ac:emoticon ac:name=\"thumbs-up\" /> <ac:emoticon ac:name=\"custom-thing\" /></p>"));
    }

    [Fact]
    public void Links_to_users_by_userkey_and_pages_with_anchors_read_naturally()
    {
        var storage = "<p><ac:link><ri:user ri:userkey=\"ff8080815d\" /></ac:link> see "
            + "<ac:link ac:anchor=\"setup\"><ri:page ri:space-key=\"DEV\" ri:content-title=\"Guide (v2)\" /></ac:link></p>";

        Assert.Equal("@ff8080815d see [Guide (v2)](<page:DEV/Guide (v2)#setup>)\n", StorageToMarkdown.Convert(storage));
    }

    [Fact]
    public void Time_elements_show_their_text_or_their_date()
    {
        Assert.Equal("due 2026-12-01 or next Friday\n", StorageToMarkdown.Convert("<p>due <time datetime=\"2026-12-01\" /> or <time datetime=\"2026-12-04\">next Friday</time></p>"));
    }

    [Fact]
    public void Breaks_rules_and_quotes_map_to_markdown()
    {
        Assert.Equal(
            "a\\\nb\n\n---\n\n> quoted\n>\n> - item\n",
            StorageToMarkdown.Convert("<p>a<br/>b<br /></p><hr/><blockquote><p>quoted</p><ul><li>item</li></ul></blockquote>"));
    }

    [Fact]
    public void A_line_after_a_break_that_looks_like_a_list_item_is_escaped()
    {
        Assert.Equal("intro\\\n\\- not an item\\\n2\\. not a step\n", StorageToMarkdown.Convert("<p>intro<br/>- not an item<br/>2. not a step</p>"));
    }

    [Fact]
    public void Adjacent_lists_stay_separate_by_switching_marker()
    {
        Assert.Equal(
            "- a\n\n* b\n  - b.1\n\n1. one\n\n1) two\n",
            StorageToMarkdown.Convert("<ul><li>a</li></ul><ul><li>b<ul><li>b.1</li></ul></li></ul><ol><li>one</li></ol><ol><li>two</li></ol>"));
    }

    [Fact]
    public void A_list_nested_directly_in_a_list_belongs_to_the_previous_item()
    {
        Assert.Equal("- a\n  - a.1\n- b\n", StorageToMarkdown.Convert("<ul><li>a</li><ul><li>a.1</li></ul><li>b</li></ul>"));
    }

    [Fact]
    public void A_table_without_a_header_row_uses_its_first_row_as_header()
    {
        Assert.Equal(
            "| a | b |\n| --- | --- |\n| **c** | d |\n",
            StorageToMarkdown.Convert("<table><tbody><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></tbody></table>"));
    }

    [Fact]
    public void A_table_cell_with_code_falls_back_to_html_and_keeps_the_code()
    {
        var markdown = StorageToMarkdown.Convert(
            "<table><tbody><tr><td><ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[x = 1]]></ac:plain-text-body></ac:structured-macro></td></tr></tbody></table>");

        Assert.Equal("<table>\n<tr><td>```<br>x = 1<br>```</td></tr>\n</table>\n", markdown);
    }

    [Fact]
    public void Template_placeholders_are_not_content()
    {
        Assert.Equal("Goal:\n", StorageToMarkdown.Convert("<p>Goal: <ac:placeholder>Describe the goal</ac:placeholder></p>"));
    }

    [Fact]
    public void Storage_declaring_the_xhtml_namespace_converts_the_same()
    {
        Assert.Equal("# T\n", StorageToMarkdown.Convert("<h1 xmlns=\"http://www.w3.org/1999/xhtml\">T</h1>"));
    }

    [Fact]
    public void Empty_storage_is_empty_markdown() => Assert.Equal(string.Empty, StorageToMarkdown.Convert(string.Empty));

    [Theory]
    [InlineData("<p>unclosed <strong>bold</p>")]
    [InlineData("<p>one</p></div>")]
    [InlineData("<p>one</p><p>two")]
    [InlineData("<x:p>undeclared prefix</x:p>")]
    public void Malformed_storage_is_a_format_error(string storage) =>
        Assert.Throws<FormatException>(() => StorageToMarkdown.Convert(storage));

    [Theory]
    [InlineData("<!DOCTYPE p [<!ENTITY x \"boom\">]><p>&x;</p>")]
    [InlineData("<p>a</p><!DOCTYPE p [<!ENTITY x \"boom\">]><p>&x;</p>")]
    public void A_document_type_declaration_is_refused_not_processed(string storage) =>
        Assert.Throws<FormatException>(() => StorageToMarkdown.Convert(storage));

    [Fact]
    public void Comments_and_processing_instructions_show_nothing_at_any_depth()
    {
        Assert.Equal(
            "one\n\ntwo three\n",
            StorageToMarkdown.Convert("<!-- top --><p>one</p><?pi top?><p>two <!-- inner --><strong><?pi inner?></strong>three</p>"));
    }

    [Fact]
    public void Control_characters_written_as_references_by_old_editors_are_read()
    {
        Assert.Equal("a\u0001b\n", StorageToMarkdown.Convert("<p>a&#x1;b</p>"));
    }

    [Fact]
    public void Characters_xml_does_not_allow_are_a_format_error()
    {
        // Given in code, not as theory data: the test runner replaces lone surrogates in its data.
        Assert.Throws<FormatException>(() => StorageToMarkdown.Convert("<p>a\u0001b</p>"));
        Assert.Throws<FormatException>(() => StorageToMarkdown.Convert("<p>a\uD83Db</p>"));
        Assert.Throws<FormatException>(() => StorageToMarkdown.Convert("<p>ab\uDE00</p>"));
    }

    [Fact]
    public void Characters_beyond_the_basic_plane_are_read()
    {
        Assert.Equal("smile \uD83D\uDE00\n", StorageToMarkdown.Convert("<p>smile \uD83D\uDE00</p>"));
    }
}
