using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Platform.Confluence.Tools;

internal sealed record ListTemplatesArguments(
    [Description("Key of a space to list its own templates; leave out for the site-wide templates.")] string? SpaceKey = null,
    [Description("Templates per call, 1 to 100 (default 25).")][Range(1, 100)] int Limit = 25,
    [Description("The cursor a previous call returned, to get the next templates.")] string? Cursor = null);

/// <summary>Lists the page templates of a space or of the site.</summary>
internal sealed class ListTemplatesTool() : ConfluenceTool<ListTemplatesArguments>(
    "list_templates",
    "List page templates",
    "Lists page templates: a space's own templates with spaceKey, the site-wide ones without. Each has an id for get_template " +
    "(to read it) and create_page_from_template (to start a page from it), a name and a description. Returns a cursor when more exist.",
    ToolAccess.Read, idempotent: true, ["read:content-details:confluence", "read:template:confluence"], ToolSchemas.For<TemplateListResult>())
{
    private protected override string? Check(ListTemplatesArguments arguments) => CursorText.Problem(arguments.Cursor);

    private protected override async Task<ToolOutcome> ExecuteAsync(ListTemplatesArguments arguments, ConfluenceSession confluence)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With($"{ConfluencePaths.V1}template/page",
            ("spaceKey", arguments.SpaceKey), ("limit", arguments.Limit), ("start", arguments.Cursor)),
            arguments.SpaceKey is null ? "site templates" : $"templates of space {arguments.SpaceKey}");
        var templates = answer.Results().Select(TemplateSummary.From).ToList();
        var next = ConfluencePaths.NextCursor(answer);
        var heading = arguments.SpaceKey is null ? "Site-wide page templates" : $"Page templates of space {arguments.SpaceKey}";
        return ToolOutcome.Success(ListText.Render(heading, templates.Select(t => t.Line()).ToList(), next, "No templates."),
            Structured.Json(new TemplateListResult(templates, next)), 200);
    }
}
