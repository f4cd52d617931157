using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;

namespace Platform.Confluence.Tools;

internal sealed record GetPageTreeArguments(
    [Description("Numeric id of the page at the top of the tree.")][NumericId] string PageId,
    [Description("How many levels below the page to include, 1 to 5 (default 3).")][Range(1, 5)] int Depth = 3);

/// <summary>Shows the descendants of a page as an indented Markdown tree.</summary>
internal sealed class GetPageTreeTool() : ConfluenceTool<GetPageTreeArguments>(
    "get_page_tree",
    "Get a page's descendant tree",
    "Shows the pages (and whiteboards, folders) below a page as an indented Markdown tree with ids, down to 'depth' levels. " +
    $"At most {MaxNodes} entries are shown; for bigger trees, lower the depth or start from a child.",
    ToolAccess.Read, idempotent: true, ["read:hierarchical-content:confluence"], ToolSchemas.For<PageTreeResult>())
{
    private const int MaxNodes = 500;

    /// <summary>Two full pages of 250 reach <see cref="MaxNodes"/>; a site that keeps answering with cursors gets no more.</summary>
    private const int MaxRequests = 3;

    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageTreeArguments arguments, ConfluenceSession confluence)
    {
        var nodes = new List<JsonElement>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var requests = 0;
        do
        {
            var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/descendants",
                ("depth", arguments.Depth), ("limit", 250), ("cursor", cursor)), $"page with id {arguments.PageId}");
            nodes.AddRange(answer.Results());
            cursor = ConfluencePaths.NextCursor(answer);
            requests++;
        }
        // A cursor seen before would only loop.
        while (cursor is not null && cursors.Add(cursor) && nodes.Count < MaxNodes && requests < MaxRequests);

        var tree = Arrange(arguments.PageId, nodes.Take(MaxNodes), arguments.Depth);
        var text = new StringBuilder().Append("Tree below page ").Append(arguments.PageId).Append(" (depth ").Append(arguments.Depth).AppendLine("):").AppendLine();
        foreach (var node in tree)
        {
            text.Append(' ', (node.Depth - 1) * 2).Append("- ").Append(node.Title).Append(" (").Append(node.Type).Append(' ').Append(node.Id).AppendLine(")");
        }
        if (nodes.Count == 0)
        {
            text.AppendLine("The page has no descendants.");
        }
        var truncated = cursor is not null || nodes.Count > MaxNodes;
        if (truncated)
        {
            text.AppendLine().Append("[truncated: more than ").Append(MaxNodes).AppendLine(" entries; lower 'depth' or start from a child page]");
        }
        return ToolOutcome.Success(text.ToString(), Structured.Json(new PageTreeResult(arguments.PageId, arguments.Depth, tree, truncated)), 200);
    }

    /// <summary>
    /// The listed nodes in tree order below <paramref name="rootId"/>, each once and no deeper than
    /// <paramref name="maxDepth"/>: a listing in which a page is its own descendant (a cycle) ends instead of recursing
    /// without end. Walked with an explicit stack, so no listing can exhaust the thread's.
    /// </summary>
    private static List<TreeNode> Arrange(string rootId, IEnumerable<JsonElement> nodes, int maxDepth)
    {
        var children = nodes.ToLookup(n => n.Str("parentId") ?? "");
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootId };
        var tree = new List<TreeNode>();
        var pending = new Stack<(JsonElement Node, string ParentId, int Depth)>(children[rootId].Reverse().Select(n => (n, rootId, 1)));
        while (pending.TryPop(out var entry))
        {
            var id = entry.Node.Str("id") ?? "";
            if (!visited.Add(id))
            {
                continue;
            }
            tree.Add(new TreeNode(id, entry.Node.Str("type") ?? "page", entry.Node.Str("title") ?? "", entry.ParentId, entry.Depth));
            if (entry.Depth < maxDepth)
            {
                foreach (var child in children[id].Reverse())
                {
                    pending.Push((child, id, entry.Depth + 1));
                }
            }
        }
        return tree;
    }
}
