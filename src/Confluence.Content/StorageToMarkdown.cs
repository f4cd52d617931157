using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Platform.Confluence.Content;

/// <summary>
/// Converts Confluence storage format (XHTML with <c>ac:</c>/<c>ri:</c> elements) to Markdown for models to read.
/// Confluence-only constructs that Markdown cannot express become readable placeholders that keep their
/// parameters (<c>[macro: toc maxLevel=2]</c>); content is never dropped silently.
/// </summary>
public static partial class StorageToMarkdown
{
    private static readonly HashSet<string> ContainerElements =
        ["div", "section", "article", "main", "header", "footer", "aside", "nav", "center", "tbody", "thead", "tfoot"];

    /// <summary>Converts a storage-format fragment (a page body) to tidy, deterministic Markdown.</summary>
    /// <exception cref="FormatException">The storage fragment is not well-formed XML.</exception>
    public static string Convert(string storageXhtml)
    {
        ArgumentNullException.ThrowIfNull(storageXhtml);
        var root = StorageXml.Parse(storageXhtml);
        return Join(RenderBlocks(root.Nodes()));
    }

    /// <summary>The leaves of a parsed fragment with their final Markdown blocks, which joined make <see cref="Convert"/>'s result.</summary>
    internal static List<RenderedLeaf> Leaves(XElement root)
    {
        var leaves = new List<RenderedLeaf>();
        CollectLeaves(null, root.Nodes(), leaves);
        SeparateAdjacentLists(leaves);
        return leaves;
    }

    /// <summary>Renders mixed content: consecutive inline nodes form a paragraph, block elements render as blocks.</summary>
    private static List<string> RenderBlocks(IEnumerable<XNode> nodes)
    {
        var leaves = new List<RenderedLeaf>();
        CollectLeaves(null, nodes, leaves);
        return SeparateAdjacentLists(leaves);
    }

    /// <summary>
    /// Splits mixed content into leaves: runs of inline nodes (a paragraph) and block elements. Containers (layouts,
    /// plain wrappers, structural macros) are not leaves: their children are, since their Markdown is their children's.
    /// </summary>
    private static void CollectLeaves(XElement? container, IEnumerable<XNode> nodes, List<RenderedLeaf> leaves)
    {
        var run = new List<XNode>();
        var paragraph = InlineBuilder.Rent();
        foreach (var node in nodes)
        {
            if (node is XElement element && IsBlock(element))
            {
                FlushParagraph(container, run, paragraph, leaves);
                if (ContainerChildren(element) is { } children)
                {
                    CollectLeaves(children.Parent, children.Nodes, leaves);
                }
                else
                {
                    leaves.Add(new RenderedLeaf(container, [element], RenderBlock(element)));
                }
            }
            else
            {
                run.Add(node);
                AppendInline(node, paragraph);
            }
        }

        FlushParagraph(container, run, paragraph, leaves);
        paragraph.Return();
    }

    /// <summary>The nodes a container's Markdown consists of, with the element holding them; null for other elements.</summary>
    private static (XElement Parent, IEnumerable<XNode> Nodes)? ContainerChildren(XElement element)
    {
        if (element.Name.Namespace == StorageXml.Ac)
        {
            return element.Name.LocalName switch
            {
                "layout" or "layout-section" or "layout-cell" or "rich-text-body" => (element, element.Nodes()),
                "structured-macro" or "macro" when StructuralMacros.Contains(MacroName(element))
                    && element.Element(StorageXml.Ac + "rich-text-body") is { } body => (body, body.Nodes()),
                _ => null,
            };
        }

        // Layouts, sections and cells carry no meaning for a reader: their content in order is the page.
        return ContainerElements.Contains(element.Name.LocalName) ? (element, element.Nodes()) : null;
    }

    /// <summary>
    /// Two lists in a row would read as one list in Markdown; the second switches to the other marker
    /// (<c>*</c> for <c>-</c>, <c>1)</c> for <c>1.</c>), which CommonMark treats as the start of a new list.
    /// Rewrites the leaves' blocks in place and returns them all in order.
    /// </summary>
    private static List<string> SeparateAdjacentLists(List<RenderedLeaf> leaves)
    {
        string? last = null;
        foreach (var leaf in leaves)
        {
            for (var b = 0; b < leaf.Blocks.Count; b++)
            {
                var previous = last is null ? ListMarker.None : ListKind(last);
                if (previous != ListMarker.None && previous == ListKind(leaf.Blocks[b]))
                {
                    var lines = leaf.Blocks[b].Split('\n').Select(line => previous == ListMarker.Bullet
                        ? BulletItemStart().Replace(line, "*")
                        : OrderedItemStart().Replace(line, "${number})"));
                    leaf.Blocks[b] = string.Join('\n', lines);
                }

                last = leaf.Blocks[b];
            }
        }

        // A single leaf's blocks are all of them, in a list nothing else holds: no copy needed.
        return leaves.Count == 1 ? leaves[0].Blocks : [.. leaves.SelectMany(leaf => leaf.Blocks)];
    }

    private static ListMarker ListKind(string block) =>
        BulletItemStart().IsMatch(block) ? ListMarker.Bullet
        : OrderedItemStart().IsMatch(block) ? ListMarker.Ordered
        : ListMarker.None;

    private static void FlushParagraph(XElement? container, List<XNode> run, InlineBuilder paragraph, List<RenderedLeaf> leaves)
    {
        var text = paragraph.Build();
        paragraph.Clear();
        if (text.Length > 0)
        {
            // Every line after a break is a line start too, where "- " or "# " would begin a new block.
            var markdown = text.Contains(InlineBuilder.HardBreak)
                ? string.Join("\\\n", text.Split(InlineBuilder.HardBreak).Select(MarkdownText.EscapeBlockStart))
                : MarkdownText.EscapeBlockStart(text);
            leaves.Add(new RenderedLeaf(container, [.. run], [markdown]));
        }

        run.Clear();
    }

    private static bool IsBlock(XElement element)
    {
        if (element.Name.Namespace == StorageXml.Ac)
        {
            return element.Name.LocalName switch
            {
                "structured-macro" or "macro" => IsBlockMacro(element) || StandsAlone(element),
                "task-list" or "layout" or "layout-section" or "layout-cell" or "rich-text-body" or "adf-extension" => true,
                _ => false,
            };
        }

        return element.Name.LocalName is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "ul" or "ol"
            or "table" or "pre" or "blockquote" or "hr" || ContainerElements.Contains(element.Name.LocalName);
    }

    /// <summary>A macro placed directly in a page, cell of a layout or macro body is a block of its own, not a word in a sentence.</summary>
    private static bool StandsAlone(XElement macro) =>
        macro.Parent is { } parent && (parent.Parent is null || parent.Name.LocalName is "layout-cell" or "rich-text-body" or "blockquote"
            || ContainerElements.Contains(parent.Name.LocalName));

    private static List<string> RenderBlock(XElement element)
    {
        if (element.Name.Namespace == StorageXml.Ac)
        {
            return element.Name.LocalName switch
            {
                "structured-macro" or "macro" => RenderMacro(element),
                "task-list" => One(RenderTaskList(element)),
                // The only other block: adf-extension, shown as what Confluence shows where it cannot render it.
                _ => RenderBlocks(element.Elements(StorageXml.Ac + "adf-fallback").Nodes()),
            };
        }

        return element.Name.LocalName switch
        {
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => RenderHeading(element),
            "ul" => One(RenderList(element, ordered: false)),
            "ol" => One(RenderList(element, ordered: true)),
            "table" => One(RenderTable(element)),
            "pre" => One(MarkdownText.CodeFence(element.Value, language: null)),
            "blockquote" => QuoteBlocks(RenderBlocks(element.Nodes()), label: null),
            "hr" => ["---"],
            _ => RenderBlocks(element.Nodes()),
        };
    }

    private static List<string> RenderHeading(XElement heading)
    {
        var text = RenderInlineContent(heading).Trim(' ', InlineBuilder.HardBreak).Replace(InlineBuilder.HardBreak, ' ');
        return text.Length == 0 ? [] : [new string('#', heading.Name.LocalName[1] - '0') + " " + text];
    }

    private static string RenderList(XElement list, bool ordered)
    {
        var number = ordered && int.TryParse(list.Attribute("start")?.Value, out var start) ? start : 1;
        var items = new List<List<string>>();
        foreach (var child in list.Elements())
        {
            if (child.Name.LocalName == "li")
            {
                items.Add(RenderBlocks(child.Nodes()));
            }
            else if (items.Count > 0)
            {
                // Old editors nest a list directly in its parent list; it belongs to the item before it.
                items[^1].AddRange(RenderBlocks([child]));
            }
            else
            {
                items.Add(RenderBlocks([child]));
            }
        }

        var rendered = items.Select(blocks => MarkdownText.Indent(JoinItemBlocks(blocks), ordered ? $"{number++}. " : "- "));
        return string.Join('\n', rendered);
    }

    private static string RenderTaskList(XElement taskList)
    {
        var items = new List<string>();
        foreach (var child in taskList.Elements())
        {
            if (child.Name == StorageXml.Ac + "task")
            {
                var done = string.Equals(child.Element(StorageXml.Ac + "task-status")?.Value.Trim(), "complete", StringComparison.OrdinalIgnoreCase);
                var body = RenderBlocks(child.Element(StorageXml.Ac + "task-body")?.Nodes() ?? []);
                items.Add(MarkdownText.Indent(JoinItemBlocks(body), done ? "- [x] " : "- [ ] ", "  "));
            }
            else if (child.Name == StorageXml.Ac + "task-list" && items.Count > 0)
            {
                items[^1] += "\n" + MarkdownText.Indent(RenderTaskList(child), "  ");
            }
        }

        return string.Join('\n', items);
    }

    /// <summary>A nested list follows its item's text directly so the outer list stays tight.</summary>
    private static string JoinItemBlocks(List<string> blocks)
    {
        if (blocks.Count == 0)
        {
            return string.Empty;
        }

        var joined = blocks[0];
        for (var i = 1; i < blocks.Count; i++)
        {
            joined += (ListStart().IsMatch(blocks[i]) ? "\n" : "\n\n") + blocks[i];
        }

        return joined;
    }

    /// <summary>Quotes blocks, labelling the quote (<c>&gt; **Info:** ...</c>) when it stands for a panel macro.</summary>
    private static List<string> QuoteBlocks(List<string> blocks, string? label)
    {
        if (label is not null)
        {
            if (blocks.Count > 0 && IsPlainParagraph(blocks[0]))
            {
                blocks[0] = $"**{label}:** {blocks[0]}";
            }
            else
            {
                blocks.Insert(0, $"**{label}:**");
            }
        }

        return blocks.Count == 0 ? [] : [MarkdownText.Quote(JoinBlocks(blocks))];
    }

    private static bool IsPlainParagraph(string block) =>
        !NonParagraphStart().IsMatch(block) && !ListStart().IsMatch(block);

    private static string JoinBlocks(IEnumerable<string> blocks) => string.Join("\n\n", blocks);

    /// <summary>A page's blocks as one tidy Markdown document.</summary>
    internal static string Join(IEnumerable<string> blocks) => MarkdownText.Tidy(JoinBlocks(blocks));

    private static List<string> One(string block) => block.Length == 0 ? [] : [block];

    [GeneratedRegex(@"^-(?= |$)")]
    private static partial Regex BulletItemStart();

    [GeneratedRegex(@"^(?<number>\d+)\.(?= |$)")]
    private static partial Regex OrderedItemStart();

    [GeneratedRegex(@"^(- |\d+\. |-$)")]
    private static partial Regex ListStart();

    [GeneratedRegex(@"^(#|```|~~~|>|\||<table|\*\*[^*\n]+:\*\*$)")]
    private static partial Regex NonParagraphStart();
}
