using System.Xml.Linq;

namespace Platform.Confluence.Content;

/// <summary>
/// Nodes that read as Markdown blocks of their own: one block element, or a run of inline nodes (a paragraph).
/// <paramref name="Container"/> is the element holding them (null at the top of the fragment); <paramref name="Blocks"/>
/// may be empty when the nodes show nothing (an empty paragraph, a placeholder).
/// </summary>
internal sealed record RenderedLeaf(XElement? Container, IReadOnlyList<XNode> Nodes, List<string> Blocks);
