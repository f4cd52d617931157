namespace Platform.Confluence.Content.Tests;

/// <summary>The realistic pages under Corpus/ and Fixtures/, and how a model edits one block of their Markdown.</summary>
internal static class CorpusPages
{
    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Corpus, "*.xhtml").Concat(Directory.GetFiles(Fixtures.Directory, "*.xhtml"))
            .Select(path => Path.GetFileName(Path.GetDirectoryName(path)) + "/" + Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal);

    public static string Storage(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, name + ".xhtml"));

    /// <summary>
    /// Blocks of prose a model would edit by adding a sentence to their first line (paragraphs, headings, list items),
    /// with their index in the document.
    /// </summary>
    public static IEnumerable<(int Index, StorageBlock Block)> Paragraphs(StorageDocument document) =>
        document.Blocks.Select((block, index) => (index, block))
            .Where(x => x.block.Markdown.Count == 1 && (x.block.Element is null || x.block.Element.Name.LocalName is "p" or "ul" or "ol" or "h1" or "h2" or "h3")
                && !x.block.Markdown[0].StartsWith('[') && !x.block.Markdown[0].StartsWith('!'));

    /// <summary>Whether the block reads as a list (bullets, numbers or tasks).</summary>
    public static bool IsList(StorageBlock block) =>
        block.Markdown.Count == 1 && System.Text.RegularExpressions.Regex.IsMatch(block.Markdown[0], @"^([-*] |\d+[.)] )");

    /// <summary>The block's Markdown with a sentence added to its first line.</summary>
    public static string Edited(StorageBlock block, string sentence)
    {
        var lines = block.Markdown[0].Split('\n');
        lines[0] += " " + sentence;
        return string.Join('\n', lines);
    }

    /// <summary>The document's Markdown with one block's text replaced, as a model editing that paragraph writes it.</summary>
    public static string WithBlockReplaced(StorageDocument document, int index, string replacement) =>
        StorageToMarkdown.Join(document.Blocks.SelectMany((block, i) => i == index ? [replacement] : block.Markdown));
}
