using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record GetTemplateArguments(
    [Description("Numeric id of the template (from list_templates).")][NumericId] string TemplateId,
    [Description("\"markdown\" (default) or \"storage\" (the template's storage XHTML, with its placeholders and variables).")] ContentFormat Format = ContentFormat.Markdown,
    [Description("Character offset to continue a truncated body from.")][Range(0, int.MaxValue)] int Offset = 0);

/// <summary>Reads one page template with its body.</summary>
internal sealed class GetTemplateTool() : ConfluenceTool<GetTemplateArguments>(
    "get_template",
    "Get a page template",
    "Reads a page template: name, description, whose it is and its body as Markdown (or storage with format=\"storage\"; placeholders " +
    "are instructions for the author and do not show in Markdown). To create a page from it use create_page_from_template.",
    ToolAccess.Read, idempotent: true, ["read:content-details:confluence", "read:template:confluence"], ToolSchemas.For<TemplateResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(GetTemplateArguments arguments, ConfluenceSession confluence)
    {
        var template = await TemplateReader.ReadAsync(confluence, arguments.TemplateId);
        var summary = TemplateSummary.From(template);
        var window = BodyText.Read(template.Str("body", "storage", "value") ?? "", arguments.Format, arguments.Offset);
        var result = new TemplateResult(summary.Id, summary.Name, summary.Description, summary.SpaceKey, arguments.Format, window.Text, window.Offset,
            window.NextOffset, window.TotalLength);
        return ToolOutcome.Success($"# Template: {summary.Name}\n\n{summary.Line()[2..]}\n\n{window.Text}", Structured.Json(result), 200);
    }
}

/// <summary>Reads a template with its body; Confluence answers 403 for one that does not exist or cannot be seen.</summary>
internal static class TemplateReader
{
    public static async Task<System.Text.Json.JsonElement> ReadAsync(ConfluenceSession confluence, string templateId)
    {
        try
        {
            return await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V1}template/{templateId}", ("expand", "body")), $"template with id {templateId}");
        }
        catch (UpstreamFailureException e) when (e.Outcome.UpstreamStatus == 403)
        {
            throw new UpstreamFailureException(ToolOutcome.ToolError(
                $"Confluence found no template with id {templateId}, or you can't see it. list_templates gives valid ids.", 404));
        }
    }
}
