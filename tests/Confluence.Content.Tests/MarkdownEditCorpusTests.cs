using Xunit.Abstractions;

namespace Platform.Confluence.Content.Tests;

/// <summary>
/// The corpus of realistic pages (Corpus/ and Fixtures/): read as Markdown, change one paragraph, write back, and every
/// other block is byte-identical in storage; a change to a block Markdown cannot carry is refused, naming it.
/// </summary>
public sealed class MarkdownEditCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Pages => new(CorpusPages.Names());

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_blocks_make_exactly_the_markdown_a_model_reads(string page)
    {
        var storage = CorpusPages.Storage(page);

        Assert.Equal(StorageToMarkdown.Convert(storage), StorageDocument.Parse(storage).Markdown);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Markdown_written_back_unchanged_leaves_the_storage_byte_identical(string page)
    {
        var storage = CorpusPages.Storage(page);

        var result = MarkdownEdit.Apply(storage, StorageToMarkdown.Convert(storage));

        Assert.True(result.IsApplied, result.Refusal);
        Assert.Equal(storage, result.Storage);
        Assert.Equal(0, result.RewrittenBlocks);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Changing_one_paragraph_rewrites_only_that_paragraph(string page)
    {
        var storage = CorpusPages.Storage(page);
        var document = StorageDocument.Parse(storage);
        var edited = 0;
        foreach (var (index, block) in CorpusPages.Paragraphs(document))
        {
            var markdown = CorpusPages.WithBlockReplaced(document, index, CorpusPages.Edited(block, "Edited by a model."));
            var result = MarkdownEdit.Apply(storage, markdown);
            var loss = MarkdownFidelity.LossOf(storage[block.Start..block.End]);
            if (loss is not null)
            {
                Assert.False(result.IsApplied, $"block {index} holds {loss} but was rewritten");
                Assert.Contains(loss, result.Refusal, StringComparison.Ordinal);
                output.WriteLine($"refused: {result.Refusal}");
                continue;
            }

            Assert.True(result.IsApplied, result.Refusal);
            var prefix = storage[..block.Start];
            var suffix = storage[block.End..];
            Assert.StartsWith(prefix, result.Storage, StringComparison.Ordinal);
            Assert.EndsWith(suffix, result.Storage, StringComparison.Ordinal);
            var written = result.Storage![prefix.Length..^suffix.Length];
            Assert.Contains("Edited by a model.", written, StringComparison.Ordinal);
            Assert.Equal(1, result.RewrittenBlocks);
            edited++;
        }

        output.WriteLine($"{page}: {edited} paragraphs edited one at a time, every other block byte-identical");
    }

    [Fact]
    public void Corpus_summary()
    {
        int pages = 0, blocks = 0, paragraphs = 0, edits = 0, others = 0, identical = 0, refused = 0;
        foreach (var page in CorpusPages.Names())
        {
            var storage = CorpusPages.Storage(page);
            var document = StorageDocument.Parse(storage);
            var visible = document.Blocks.Count(b => b.IsVisible);
            pages++;
            blocks += visible;
            foreach (var (index, block) in CorpusPages.Paragraphs(document))
            {
                paragraphs++;
                var result = MarkdownEdit.Apply(storage, CorpusPages.WithBlockReplaced(document, index, CorpusPages.Edited(block, "Edited by a model.")));
                if (!result.IsApplied)
                {
                    refused++;
                    continue;
                }

                edits++;
                var kept = document.Blocks.Where((b, i) => i != index && b.IsVisible).ToList();
                var shift = result.Storage!.Length - storage.Length;
                others += kept.Count;
                identical += kept.Count(b => b.End <= block.Start
                    ? string.CompareOrdinal(storage, b.Start, result.Storage, b.Start, b.End - b.Start) == 0
                    : string.CompareOrdinal(storage, b.Start, result.Storage, b.Start + shift, b.End - b.Start) == 0);
                Assert.Equal(kept.Count, result.UnchangedBlocks);
            }
        }

        output.WriteLine($"{pages} pages, {blocks} blocks, {paragraphs} paragraphs; {edits} one-paragraph edits applied, {refused} refused " +
            $"(paragraphs holding content Markdown cannot carry); {identical} of {others} other blocks byte-identical after those edits");
        Assert.Equal(others, identical);
        Assert.True(pages >= 13 && edits >= 40, $"{pages} pages, {edits} edits");
    }
}
