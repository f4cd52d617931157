using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record AddLabelsArguments(
    [Description("Numeric id of the page, blog post or attachment.")][NumericId] string ContentId,
    [Description("Labels to add, e.g. [\"runbook\",\"team-a\"]; no spaces. Labels already present are kept.")][SingleLine] IReadOnlyList<string> Labels);

/// <summary>Adds labels to a piece of content.</summary>
internal sealed class AddLabelsTool() : ConfluenceTool<AddLabelsArguments>(
    "add_labels",
    "Add labels",
    "Adds one or more labels to a page, blog post or attachment. Labels are lower-cased by Confluence and may not contain spaces. " +
    "Adding a label that is already there changes nothing. Returns the labels now on the content.",
    ToolAccess.Write, idempotent: true, ["read:label:confluence", "write:label:confluence"], ToolSchemas.For<LabelsResult>())
{
    private protected override string? Check(AddLabelsArguments arguments) =>
        arguments.Labels.Count == 0 ? "'labels' must name at least one label"
        : arguments.Labels.Select(l => string.IsNullOrWhiteSpace(l) ? "'labels' must not contain empty names" : LabelName.Problem("labels", l)).FirstOrDefault(p => p is not null);

    private protected override async Task<ToolOutcome> ExecuteAsync(AddLabelsArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.SendAsync("POST", $"{ConfluencePaths.V1}content/{arguments.ContentId}/label",
            arguments.Labels.Select(name => new { prefix = "global", name }).ToList(), $"content with id {arguments.ContentId}");
        var now = answer.Results().Select(LabelItem.From).ToList();
        return ToolOutcome.Success($"Labels on content {arguments.ContentId} now: {string.Join(", ", now.Select(l => l.Name))}.",
            Structured.Json(new LabelsResult(arguments.ContentId, now)), 200);
    }
}
