using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record ListLabelsArguments(
    [Description("Numeric id of the page, blog post or attachment.")][NumericId] string ContentId);

/// <summary>Lists the labels on a piece of content.</summary>
internal sealed class ListLabelsTool() : ConfluenceTool<ListLabelsArguments>(
    "list_labels",
    "List labels",
    "Lists the labels (tags) on a page, blog post or attachment. Find other content with a label by searching with cql: label = \"name\".",
    ToolAccess.Read, idempotent: true, ["read:label:confluence"], ToolSchemas.For<LabelsResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(ListLabelsArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync($"{ConfluencePaths.V1}content/{arguments.ContentId}/label", $"content with id {arguments.ContentId}");
        var labels = answer.Results().Select(LabelItem.From).ToList();
        var lines = labels.Select(l => $"- {l.Name}{(l.Prefix == "global" ? "" : $" ({l.Prefix})")}").ToList();
        return ToolOutcome.Success(ListText.Render($"Labels on content {arguments.ContentId}", lines, null, "No labels."),
            Structured.Json(new LabelsResult(arguments.ContentId, labels)), 200);
    }
}
