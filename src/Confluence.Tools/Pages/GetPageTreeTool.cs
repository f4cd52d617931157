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

    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageTreeArguments arguments, ConfluenceSession confluence)
    {
        var nodes = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/descendants",
                ("depth", arguments.Depth), ("limit", 250), ("cursor", cursor)), $"page with id {arguments.PageId}");
            nodes.AddRange(answer.Results());
            cursor = ConfluencePaths.NextCursor(answer);
        }
        while (cursor is not null && nodes.Count < MaxNodes);

        var children = nodes.Take(MaxNodes).ToLookup(n => n.Str("parentId") ?? "");
        var text = new StringBuilder().Append("Tree below page ").Append(arguments.PageId).Append(" (depth ").Append(arguments.Depth).AppendLine("):").AppendLine();
        var tree = new List<TreeNode>();
        Write(text, children, arguments.PageId, 0, tree);
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

    private static void Write(StringBuilder text, ILookup<string, JsonElement> children, string parentId, int level, List<TreeNode> tree)
    {
        foreach (var node in children[parentId])
        {
            var id = node.Str("id") ?? "";
            tree.Add(new TreeNode(id, node.Str("type") ?? "page", node.Str("title") ?? "", parentId, level + 1));
            text.Append(' ', level * 2).Append("- ").Append(node.Str("title")).Append(" (").Append(node.Str("type") ?? "page").Append(' ').Append(id).AppendLine(")");
            Write(text, children, id, level + 1, tree);
        }
    }
}
