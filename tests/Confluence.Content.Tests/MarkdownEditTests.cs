namespace Platform.Confluence.Content.Tests;

public sealed class MarkdownEditTests
{
    private const string Layout =
        "<ac:layout><ac:layout-section ac:type=\"two_equal\"><ac:layout-cell><h2>Left</h2><p>One.</p><p>Two.</p></ac:layout-cell>" +
        "<ac:layout-cell><h2>Right</h2><p>Three.</p></ac:layout-cell></ac:layout-section></ac:layout>";

    [Fact]
    public void A_new_paragraph_is_inserted_after_the_block_it_follows_and_nothing_else_changes()
    {
        var storage = "<p>First.</p>\n<ac:structured-macro ac:name=\"toc\" ac:schema-version=\"1\"><ac:parameter ac:name=\"maxLevel\">2</ac:parameter></ac:structured-macro>\n<p>Last.</p>";

        var result = MarkdownEdit.Apply(storage, "First.\n\nInserted **here**.\n\n[macro: toc maxLevel=2]\n\nLast.\n");

        Assert.Equal("<p>First.</p><p>Inserted <strong>here</strong>.</p>\n<ac:structured-macro ac:name=\"toc\" ac:schema-version=\"1\"><ac:parameter ac:name=\"maxLevel\">2</ac:parameter></ac:structured-macro>\n<p>Last.</p>",
            result.Storage);
        Assert.Equal(3, result.UnchangedBlocks);
        Assert.Equal(1, result.WrittenMarkdownBlocks);
    }

    [Fact]
    public void A_deleted_paragraph_is_removed_and_the_macros_around_it_stay()
    {
        var storage = "<ac:structured-macro ac:name=\"toc\" ac:schema-version=\"1\" /><p>Drop me.</p><ac:structured-macro ac:name=\"children\" ac:schema-version=\"2\" />";

        var result = MarkdownEdit.Apply(storage, "[macro: toc]\n\n[macro: children]\n");

        Assert.Equal("<ac:structured-macro ac:name=\"toc\" ac:schema-version=\"1\" /><ac:structured-macro ac:name=\"children\" ac:schema-version=\"2\" />", result.Storage);
        Assert.Equal(1, result.RewrittenBlocks);
    }

    [Fact]
    public void Removing_a_macro_is_refused_unless_the_loss_is_confirmed()
    {
        var storage = "<p>Intro.</p><ac:structured-macro ac:name=\"toc\" ac:schema-version=\"1\"><ac:parameter ac:name=\"maxLevel\">2</ac:parameter></ac:structured-macro><p>Body.</p>";

        var refused = MarkdownEdit.Apply(storage, "Intro.\n\nBody.\n");
        var confirmed = MarkdownEdit.Apply(storage, "Intro.\n\nBody.\n", confirmLosses: true);

        Assert.Null(refused.Storage);
        Assert.Contains("the 'toc' macro", refused.Refusal, StringComparison.Ordinal);
        Assert.Contains("[macro: toc maxLevel=2]", refused.Refusal, StringComparison.Ordinal);
        Assert.Contains("confirmLosses=true", refused.Refusal, StringComparison.Ordinal);
        Assert.Equal("<p>Intro.</p><p>Body.</p>", confirmed.Storage);
        Assert.Contains(confirmed.Losses, loss => loss.Contains("'toc' macro", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<p><ac:image ac:width=\"600\"><ri:attachment ri:filename=\"a.png\" /></ac:image></p>", "![](attachment:a.png)", "![new](attachment:a.png)", "ac:width")]
    [InlineData("<ac:structured-macro ac:name=\"info\"><ac:parameter ac:name=\"icon\">false</ac:parameter><ac:rich-text-body><p>Hi.</p></ac:rich-text-body></ac:structured-macro>", "> **Info:** Hi.", "> **Info:** Hello.", "'icon' setting of a info macro")]
    [InlineData("<p>See <ac:inline-comment-marker ac:ref=\"r1\">this</ac:inline-comment-marker>.</p>", "See this.", "See that.", "inline comment's anchor")]
    [InlineData("<table><tbody><tr><th colspan=\"2\">A</th></tr><tr><td>1</td><td>2</td></tr></tbody></table>", null, "| A | B |\n| --- | --- |\n| 1 | 2 |", "merged table cells")]
    public void Changing_a_block_markdown_cannot_carry_is_refused_naming_what_would_be_lost(string storage, string? markdown, string edited, string loss)
    {
        Assert.True(markdown is null || StorageToMarkdown.Convert(storage).TrimEnd() == markdown);

        var result = MarkdownEdit.Apply(storage, edited);

        Assert.False(result.IsApplied);
        Assert.Contains(loss, result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_inside_a_layout_cell_keeps_the_layout_and_the_other_cells()
    {
        var result = MarkdownEdit.Apply(Layout, "## Left\n\nOne, edited.\n\nTwo.\n\n## Right\n\nThree.\n");

        Assert.Equal(Layout.Replace("<p>One.</p>", "<p>One, edited.</p>", StringComparison.Ordinal), result.Storage);
    }

    [Fact]
    public void A_paragraph_added_at_the_end_of_a_column_goes_into_that_column()
    {
        var result = MarkdownEdit.Apply(Layout, "## Left\n\nOne.\n\nTwo.\n\nTwo and a half.\n\n## Right\n\nThree.\n");

        Assert.Equal(Layout.Replace("<p>Two.</p>", "<p>Two.</p><p>Two and a half.</p>", StringComparison.Ordinal), result.Storage);
    }

    [Fact]
    public void Blocks_added_and_removed_across_columns_are_refused_because_the_boundary_is_not_in_the_markdown()
    {
        var result = MarkdownEdit.Apply(Layout, "## Left\n\nOne.\n\nMerged two and right.\n\nThree.\n");

        Assert.False(result.IsApplied);
        Assert.Contains("layout columns", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_rewritten_as_a_table_keeps_its_attributes_and_column_widths()
    {
        var storage = "<table data-layout=\"wide\" ac:local-id=\"t1\"><colgroup><col style=\"width: 100.0px;\" /><col style=\"width: 300.0px;\" /></colgroup>" +
            "<tbody><tr><th><p>Name</p></th><th><p>Port</p></th></tr><tr><td><p>api</p></td><td><p>8080</p></td></tr></tbody></table>";

        var sameColumns = MarkdownEdit.Apply(storage, "| Name | Port |\n| --- | --- |\n| api | 8080 |\n| web | 443 |\n");
        var moreColumns = MarkdownEdit.Apply(storage, "| Name | Port | Owner |\n| --- | --- | --- |\n| api | 8080 | ops |\n");

        Assert.Equal("<table data-layout=\"wide\" ac:local-id=\"t1\"><colgroup><col style=\"width: 100.0px;\" /><col style=\"width: 300.0px;\" /></colgroup>" +
            "<tbody><tr><th>Name</th><th>Port</th></tr><tr><td>api</td><td>8080</td></tr><tr><td>web</td><td>443</td></tr></tbody></table>", sameColumns.Storage);
        Assert.StartsWith("<table data-layout=\"wide\" ac:local-id=\"t1\"><tbody>", moreColumns.Storage, StringComparison.Ordinal);
    }

    [Fact]
    public void New_tasks_are_numbered_after_the_tasks_already_on_the_page()
    {
        var storage = "<ac:task-list><ac:task><ac:task-id>41</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Old</ac:task-body></ac:task></ac:task-list>";

        var result = MarkdownEdit.Apply(storage, "- [ ] Old\n\nThen:\n\n- [x] New\n");

        Assert.StartsWith(storage, result.Storage, StringComparison.Ordinal);
        Assert.Contains("<ac:task-id>42</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>New</ac:task-body>", result.Storage, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_restyled_without_changing_meaning_keeps_the_original_storage()
    {
        var storage = "<ul><li><p>one</p></li><li><p><b>two</b></p></li></ul>";

        var result = MarkdownEdit.Apply(storage, "* one\n* __two__\n");

        Assert.Equal(storage, result.Storage);
        Assert.Equal(0, result.RewrittenBlocks);
    }

    [Fact]
    public void Reference_links_in_a_changed_block_resolve_against_definitions_anywhere()
    {
        var result = MarkdownEdit.Apply("<p>Old.</p>", "See [the docs][d].\n\n[d]: https://example.com/docs\n");

        Assert.Equal("<p>See <a href=\"https://example.com/docs\">the docs</a>.</p>", result.Storage);
    }

    [Fact]
    public void A_section_edit_changes_only_the_blocks_under_the_heading()
    {
        var storage = "<h1>Guide</h1><p>Intro.</p><h2>Install</h2><p>Run it.</p><h3>Linux</h3><p>apt.</p><h2>Use</h2><p>Call it.</p>";

        var result = MarkdownEdit.ApplyToSection(storage, "install", null, "Run the installer.\n\n### Linux\n\napt.\n");

        Assert.Equal("<h1>Guide</h1><p>Intro.</p><h2>Install</h2><p>Run the installer.</p><h3>Linux</h3><p>apt.</p><h2>Use</h2><p>Call it.</p>", result.Storage);
        Assert.Equal(1, result.RewrittenBlocks);
    }

    [Fact]
    public void A_section_ends_at_the_end_of_its_layout_cell()
    {
        var result = MarkdownEdit.ApplyToSection(Layout, "Left", null, "Replaced.\n");

        Assert.Equal(Layout.Replace("<p>One.</p><p>Two.</p>", "<p>Replaced.</p>", StringComparison.Ordinal), result.Storage);
    }

    [Fact]
    public void A_section_can_be_replaced_with_storage_verbatim()
    {
        var storage = "<h2>A</h2><p>a</p><ac:structured-macro ac:name=\"toc\" /><h2>B</h2><p>b</p>";

        var result = MarkdownEdit.ReplaceSectionStorage(storage, "A", null, "<p>new <u>a</u></p>");

        Assert.Equal("<h2>A</h2><p>new <u>a</u></p><h2>B</h2><p>b</p>", result.Storage);
    }

    [Theory]
    [InlineData("Nope", "No heading 'Nope' on this page. Its headings: ## A; ## B; ## A.")]
    [InlineData("A", "2 headings read 'A'; pass 'occurrence' (1 to 2) to say which section you mean.")]
    public void An_unknown_or_ambiguous_heading_is_explained(string heading, string problem)
    {
        var result = MarkdownEdit.ApplyToSection("<h2>A</h2><p>1</p><h2>B</h2><h2>A</h2><p>2</p>", heading, null, "x");

        Assert.Equal(problem, result.Refusal);
        Assert.Equal("<h2>A</h2><p>1</p><h2>B</h2><h2>A</h2><p>x</p>",
            MarkdownEdit.ApplyToSection("<h2>A</h2><p>1</p><h2>B</h2><h2>A</h2><p>2</p>", "A", 2, "x").Storage);
    }

    [Fact]
    public void Markdown_for_an_empty_page_becomes_its_body()
    {
        Assert.Equal("<h1>Hi</h1>\n<p>There.</p>", MarkdownEdit.Apply("", "# Hi\n\nThere.").Storage);
    }

    [Fact]
    public void Storage_that_is_not_well_formed_cannot_be_edited_through_markdown()
    {
        Assert.Throws<FormatException>(() => MarkdownEdit.Apply("<p>open", "x"));
    }
}
