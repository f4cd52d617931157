using System.Xml.Linq;

namespace Platform.Confluence.Content;

/// <summary>
/// A storage fragment as the blocks its Markdown is made of, each tied to the exact text it came from. Layouts and
/// other containers are not blocks: their children are. Joined, the blocks' Markdown is exactly
/// <see cref="StorageToMarkdown.Convert"/>'s result, so Markdown a model edits can be mapped back block by block.
/// </summary>
internal sealed class StorageDocument
{
    private StorageDocument(string storage, List<StorageBlock> blocks)
    {
        Storage = storage;
        Blocks = blocks;
        Markdown = StorageToMarkdown.Join(blocks.SelectMany(block => block.Markdown));
    }

    public string Storage { get; }

    /// <summary>Every block in document order, including those that show nothing (they are always kept).</summary>
    public IReadOnlyList<StorageBlock> Blocks { get; }

    public string Markdown { get; }

    /// <exception cref="FormatException">The fragment is not well-formed.</exception>
    public static StorageDocument Parse(string storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var root = StorageXml.Parse(storage);
        var spans = StorageScanner.Scan(storage);
        var elements = root.Descendants().ToList();
        if (elements.Count != spans.Count)
        {
            throw new FormatException("Storage format could not be mapped to its source text.");
        }

        for (var i = 0; i < elements.Count; i++)
        {
            if (!spans[i].Name.EndsWith(elements[i].Name.LocalName, StringComparison.Ordinal))
            {
                throw new FormatException("Storage format could not be mapped to its source text.");
            }

            elements[i].AddAnnotation(spans[i]);
        }

        var blocks = StorageToMarkdown.Leaves(root).Select(leaf => Block(storage, leaf)).ToList();
        return new StorageDocument(storage, blocks);
    }

    private static StorageBlock Block(string storage, RenderedLeaf leaf)
    {
        var container = leaf.Container is null ? new ElementSpan("", 0, 0, storage.Length, storage.Length) : SpanOf(leaf.Container);
        var (start, end) = leaf.Nodes is [XElement element] ? (SpanOf(element).Start, SpanOf(element).End) : RunSpan(storage, leaf, container);
        return new StorageBlock(start, end, container, leaf.Nodes is [XElement single] ? single : null, leaf.Blocks);
    }

    /// <summary>
    /// A run of inline nodes lies between the block elements around it (or its container's edges); surrounding
    /// whitespace belongs to the container, as it renders nothing.
    /// </summary>
    private static (int Start, int End) RunSpan(string storage, RenderedLeaf leaf, ElementSpan container)
    {
        var start = leaf.Nodes[0].PreviousNode is XElement before ? SpanOf(before).End : container.InnerStart;
        var end = leaf.Nodes[^1].NextNode is XElement after ? SpanOf(after).Start : container.InnerEnd;
        while (start < end && char.IsWhiteSpace(storage[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(storage[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static ElementSpan SpanOf(XElement element) =>
        element.Annotation<ElementSpan>() ?? throw new InvalidOperationException("Every element is annotated with its span.");
}

/// <summary>
/// One block: the storage text from <see cref="Start"/> to <see cref="End"/> in its <see cref="Container"/>, and the
/// Markdown blocks it reads as (none for a block that shows nothing). <see cref="Element"/> is the element when the
/// block is a single one (a paragraph run of inline nodes has none).
/// </summary>
internal sealed record StorageBlock(int Start, int End, ElementSpan Container, XElement? Element, IReadOnlyList<string> Markdown)
{
    public bool IsVisible => Markdown.Count > 0;

    /// <summary>The heading level (1–6) when the block is a heading, else 0.</summary>
    public int HeadingLevel => Element is { Name.LocalName: [ 'h', var digit ] } && Element.Name.Namespace == XNamespace.None && digit is >= '1' and <= '6' ? digit - '0' : 0;
}
