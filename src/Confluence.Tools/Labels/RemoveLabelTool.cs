using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record RemoveLabelArguments(
    [Description("Numeric id of the page, blog post or attachment.")][NumericId] string ContentId,
    [Description("The label to remove.")][SingleLine] string Label);

/// <summary>Removes one label from a piece of content.</summary>
internal sealed class RemoveLabelTool() : ConfluenceTool<RemoveLabelArguments>(
    "remove_label",
    "Remove a label",
    "Removes one label from a page, blog post or attachment. Fails with a not-found error if the content does not have that label.",
    ToolAccess.Write, idempotent: true, ["write:label:confluence"], ToolSchemas.For<RemovedLabelResult>())
{
    private protected override string? Check(RemoveLabelArguments arguments) => LabelName.Problem("label", arguments.Label);

    private protected override async Task<ToolOutcome> ExecuteAsync(RemoveLabelArguments arguments, ConfluenceSession confluence)
    {
        // The query form also works for names that are awkward in a path segment.
        await confluence.SendAsync("DELETE", ConfluencePaths.With($"{ConfluencePaths.V1}content/{arguments.ContentId}/label", ("name", arguments.Label)), null,
            $"label '{arguments.Label}' on content with id {arguments.ContentId}");
        return ToolOutcome.Success($"Removed label '{arguments.Label}' from content {arguments.ContentId}.",
            Structured.Json(new RemovedLabelResult(arguments.ContentId, arguments.Label, Removed: true)), 204);
    }
}
