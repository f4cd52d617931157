using System.Text;

namespace Platform.Confluence.Tools;

internal sealed record ListAccessibleSitesArguments;

/// <summary>Which Confluence sites the user's connection reaches.</summary>
internal sealed class ListAccessibleSitesTool() : ConfluenceTool<ListAccessibleSitesArguments>(
    "list_accessible_sites",
    "List accessible Confluence sites",
    "Lists the Confluence sites the user's connection can reach (name, URL, cloud id) and the scopes granted on each. " +
    "Use it to explain which site the tools work on, or why a tool lacks a scope.",
    ToolAccess.Read, idempotent: true, [], ToolSchemas.For<AccessibleSitesResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(ListAccessibleSitesArguments arguments, ConfluenceSession confluence)
    {
        var sites = await confluence.Api.GetAccessibleSitesAsync(confluence.CancellationToken);
        var text = new StringBuilder("Accessible Confluence sites:\n\n");
        foreach (var site in sites)
        {
            text.Append("- **").Append(site.Name).Append("** ").Append(site.Url).Append(" (cloud id ").Append(site.CloudId).Append(")\n  scopes: ")
                .AppendLine(site.Scopes.Count == 0 ? "(none listed)" : string.Join(", ", site.Scopes));
        }
        if (sites.Count == 0)
        {
            text.AppendLine("None: the connection reaches no Confluence site.");
        }
        return ToolOutcome.Success(text.ToString(), Structured.Json(new AccessibleSitesResult(sites)));
    }
}
