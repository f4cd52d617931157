using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record CreatePageFromTemplateArguments(
    [Description("Numeric id of the template (from list_templates).")][NumericId] string TemplateId,
    [Description("Key of the space to create the page in.")] string SpaceKey,
    [Description("Title of the new page; must be unique in the space.")][SingleLine] string Title,
    [Description("Numeric id of the parent page; leave out to create it under the space's home page.")][NumericId] string? ParentId = null);

/// <summary>Creates a page whose body is a template's.</summary>
internal sealed class CreatePageFromTemplateTool() : ConfluenceTool<CreatePageFromTemplateArguments>(
    "create_page_from_template",
    "Create a page from a template",
    "Creates a page in a space with the body of a page template (its layout, macros and placeholders exactly as the template has them), " +
    "ready for people to fill in; fill it in yourself afterwards with update_page or update_page_section. For a blank or Markdown page " +
    "use create_page; to duplicate an existing page use copy_page. Returns the new page's id and web URL.",
    ToolAccess.Write, idempotent: false, ["read:content-details:confluence", "read:space:confluence", "read:template:confluence", "write:page:confluence"],
    ToolSchemas.For<WriteResult>())
{
    private protected override async Task<ToolOutcome> ExecuteAsync(CreatePageFromTemplateArguments arguments, ConfluenceSession confluence)
    {
        var template = await TemplateReader.ReadAsync(confluence, arguments.TemplateId);
        var created = await CreatePageTool.PostAsync(confluence, arguments.SpaceKey, arguments.Title, arguments.ParentId,
            new { representation = "storage", value = template.Str("body", "storage", "value") ?? "" });
        return ContentWriter.Written($"Created page from template '{template.Str("name")}':", created, ContentKind.Page);
    }
}
