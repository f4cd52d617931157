namespace Platform.Confluence.Content.Tests;

public sealed class ContentTruncationTests
{
    [Fact]
    public void Text_within_the_budget_is_returned_whole()
    {
        var window = ContentTruncation.Truncate("# Short\n\nPage.\n", maxCharacters: 100);

        Assert.Equal(new MarkdownWindow("# Short\n\nPage.\n", 0, null, 15), window);
        Assert.False(window.IsTruncated);
    }

    [Fact]
    public void A_long_text_is_cut_at_a_paragraph_boundary_with_a_continuation_marker()
    {
        var markdown = "First paragraph here.\n\nSecond paragraph that is longer.\n\nThird.";

        var window = ContentTruncation.Truncate(markdown, maxCharacters: 40);

        Assert.Equal("First paragraph here.\n\n[truncated: showing characters 0-23 of 63; continue with offset=23]", window.Text);
        Assert.Equal(23, window.NextOffset);
        Assert.True(window.IsTruncated);
    }

    [Fact]
    public void Without_a_paragraph_break_the_cut_falls_on_a_line_then_a_word()
    {
        Assert.Equal(12, ContentTruncation.Truncate("line one is\nline two is here", maxCharacters: 20).NextOffset);
        Assert.Equal(18, ContentTruncation.Truncate("words words words words words", maxCharacters: 20).NextOffset);
    }

    [Fact]
    public void Text_without_any_boundary_is_cut_hard_but_never_inside_a_surrogate_pair()
    {
        Assert.Equal(10, ContentTruncation.Truncate(new string('x', 30), maxCharacters: 10).NextOffset);
        Assert.Equal(9, ContentTruncation.Truncate("aaaaaaaaa😀bbbbbbbbbbbbb", maxCharacters: 10).NextOffset);
    }

    [Fact]
    public void A_cut_inside_a_code_block_moves_before_the_fence_when_there_is_text_before_it()
    {
        var markdown = "Intro text.\n\n```bash\necho one\necho two\necho three\n```\n";

        var window = ContentTruncation.Truncate(markdown, maxCharacters: 30);

        Assert.Equal(13, window.NextOffset);
        Assert.StartsWith("Intro text.\n\n[truncated:", window.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_block_longer_than_the_budget_is_closed_and_reopened_across_pieces()
    {
        var markdown = "```bash\n" + string.Concat(Enumerable.Range(1, 20).Select(i => $"echo {i}\n")) + "```\n\nAfter.";

        var first = ContentTruncation.Truncate(markdown, maxCharacters: 50);
        var second = ContentTruncation.Truncate(markdown, maxCharacters: 50, offset: first.NextOffset!.Value);

        Assert.Equal("```bash\necho 1\necho 2\necho 3\necho 4\necho 5\necho 6\n```\n\n[truncated: showing characters 0-50 of 170; continue with offset=50]", first.Text);
        Assert.StartsWith("```bash\necho 7\n", second.Text, StringComparison.Ordinal);
        Assert.Contains("\n```\n\n[truncated:", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_every_piece_in_turn_covers_the_whole_text_exactly_once()
    {
        var markdown = StorageToMarkdown.Convert(Fixtures.Storage("runbook"));
        var pieces = new List<string>();
        var offset = 0;
        while (true)
        {
            var window = ContentTruncation.Truncate(markdown, maxCharacters: 120, offset);
            var end = window.NextOffset ?? markdown.Length;
            pieces.Add(markdown[offset..end]);
            Assert.True(end > offset, "every piece makes progress");
            if (window.NextOffset is null)
            {
                break;
            }

            offset = end;
        }

        Assert.Equal(markdown, string.Concat(pieces));
        Assert.True(pieces.Count > 3);
    }

    [Fact]
    public void Every_piece_has_balanced_code_fences()
    {
        var markdown = StorageToMarkdown.Convert(Fixtures.Storage("runbook"));
        int? offset = 0;
        while (offset is { } current)
        {
            var window = ContentTruncation.Truncate(markdown, maxCharacters: 80, current);
            var fenceLines = window.Text.Split('\n').Count(line => line.TrimStart().StartsWith("```", StringComparison.Ordinal));
            Assert.True(fenceLines % 2 == 0, $"piece at {current} has unbalanced fences:\n{window.Text}");
            offset = window.NextOffset;
        }
    }

    [Fact]
    public void An_offset_at_the_end_returns_nothing_more()
    {
        Assert.Equal(new MarkdownWindow(string.Empty, 5, null, 5), ContentTruncation.Truncate("hello", 10, offset: 5));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, -1)]
    [InlineData(10, 6)]
    public void Invalid_budgets_and_offsets_are_rejected(int maxCharacters, int offset) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ContentTruncation.Truncate("hello", maxCharacters, offset));
}
