using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>A page template: id to use it by, name, what it is for, whose it is (space key, or null for the site's).</summary>
internal sealed record TemplateSummary(string Id, string Name, string Description, string? SpaceKey, IReadOnlyList<string> Labels)
{
    public static TemplateSummary From(JsonElement template) => new(
        template.Str("templateId") ?? "", template.Str("name") ?? "", template.Str("description") ?? "", template.Str("space", "key"),
        template.At("labels") is { ValueKind: JsonValueKind.Array } labels ? [.. labels.EnumerateArray().Select(l => l.Str("name")).OfType<string>()] : []);

    public string Line() =>
        $"- **{Name}** (template {Id}{(SpaceKey is null ? ", site-wide" : $", space {SpaceKey}")}){(Description.Length == 0 ? "" : " — " + Description)}";
}

/// <summary>Structured result of list_templates.</summary>
internal sealed record TemplateListResult(IReadOnlyList<TemplateSummary> Results, string? NextCursor);

/// <summary>Structured result of get_template: the template and a window of its body.</summary>
internal sealed record TemplateResult(string Id, string Name, string Description, string? SpaceKey, ContentFormat Format, string Body, int Offset,
    int? NextOffset, int TotalLength);
