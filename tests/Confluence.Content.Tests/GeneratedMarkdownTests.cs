namespace Platform.Confluence.Content.Tests;

/// <summary>Markdown stitched from syntax fragments at random (fixed seed) to find inputs no one thought to write.</summary>
public sealed class GeneratedMarkdownTests
{
    private static readonly string[] Fragments =
    [
        "# ", "## ", "- ", "1. ", "- [ ] ", "- [x] ", "> ", "  ", "    ", "\n", "\n\n", "|", "| --- |", "```", "```js\n", "~~~",
        "**", "*", "_", "~~", "`", "[", "]", "(", ")", "![", "](", "<", ">", "&", "&amp;", "&nbsp;", "\\", "]]>", "<![CDATA[",
        "<script>", "<ac:structured-macro ac:name=\"html\">", "javascript:", "https://example.com", "page:OPS/T", "attachment:a b.png",
        "@5b10ac8d82e05b22cc7d4ef5", "text", "word ", "\u0001", "\uD83D\uDE00", "\"", "'", "---", "\t", "<br>", "**Info:**",
    ];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Any_markdown_converts_to_well_formed_storage_that_converts_back_and_is_stable(int seed)
    {
        var random = new Random(seed);
        var markdown = string.Concat(Enumerable.Range(0, random.Next(20, 200)).Select(_ => Fragments[random.Next(Fragments.Length)]));

        var storage = MarkdownToStorage.Convert(markdown);
        StorageAssert.WellFormed(storage);

        var once = StorageToMarkdown.Convert(storage);
        var twice = StorageToMarkdown.Convert(MarkdownToStorage.Convert(once));
        Assert.Equal(once, twice);
    }
}
