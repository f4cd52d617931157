using System.ComponentModel;
using System.Text;

namespace Platform.Confluence.Tools;

internal sealed record GetPageAncestorsArguments(
    [Description("Numeric id of the page.")][NumericId] string PageId);

/// <summary>The breadcrumb of a page: its parents up to the space's top, with titles.</summary>
internal sealed class GetPageAncestorsTool() : ConfluenceTool<GetPageAncestorsArguments>(
    "get_page_ancestors",
    "Get a page's ancestors",
    "Lists the pages above a page, from the top of the space down to its parent (id and title of each), " +
    "i.e. the page's breadcrumb. Useful to understand where a page sits or to find its section.",
    ToolAccess.Read, idempotent: true, ["read:content.metadata:confluence", "read:page:confluence"], ToolSchemas.For<AncestorsResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetPageAncestorsArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V2}pages/{arguments.PageId}/ancestors", ("limit", 250)),
            $"page with id {arguments.PageId}");
        var text = new StringBuilder().Append("Ancestors of page ").Append(arguments.PageId).AppendLine(", top first:").AppendLine();
        var level = 0;
        var ancestors = new List<TreeNode>();
        string? parent = null;
        foreach (var ancestor in answer.Results())
        {
            // The ancestors answer has ids only; titles need one read each (breadcrumbs are short).
            var id = ancestor.Str("id")!;
            var title = ancestor.Str("type") is null or "page"
                ? (await confluence.GetAsync($"{ConfluencePaths.V2}pages/{id}", $"ancestor page with id {id}")).Str("title")
                : null;
            ancestors.Add(new TreeNode(id, ancestor.Str("type") ?? "page", title ?? "", parent, level + 1));
            parent = id;
            text.Append(' ', level++ * 2).Append("- ").Append(title ?? "(untitled)").Append(" (").Append(ancestor.Str("type") ?? "page").Append(' ').Append(id).AppendLine(")");
        }
        if (level == 0)
        {
            text.AppendLine("The page is at the top of its space.");
        }
        return ToolOutcome.Success(text.ToString(), Structured.Json(new AncestorsResult(arguments.PageId, ancestors)), 200);
    }
}
