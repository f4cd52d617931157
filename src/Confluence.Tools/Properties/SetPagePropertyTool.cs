using System.ComponentModel;
using System.Text.Json;

namespace Platform.Confluence.Tools;

internal sealed record SetPagePropertyArguments(
    [Description("Numeric id of the page.")][NumericId] string PageId,
    [Description("Property key, e.g. \"review-status\".")] string Key,
    [Description("Any JSON value to store (object, array, string, number, boolean).")] JsonElement Value);

/// <summary>Creates or updates a content property on a page.</summary>
internal sealed class SetPagePropertyTool() : ConfluenceTool<SetPagePropertyArguments>(
    "set_page_property",
    "Set a page property",
    "Stores a JSON value under a key on a page (a content property): creates it, or replaces the value of an existing one as a new version. " +
    "Properties are invisible on the page itself; apps and automation read them. Returns the property's id and version.",
    ToolAccess.Write, idempotent: true, ["read:page:confluence", "write:page:confluence"], ToolSchemas.For<PagePropertyResult>())
{
    private protected override string? Check(SetPagePropertyArguments arguments) =>
        arguments.Value.ValueKind is JsonValueKind.Undefined ? "'value' is required" : null;

    private protected override async Task<ToolOutcome> ExecuteAsync(SetPagePropertyArguments arguments, ConfluenceSession confluence)
    {
        var collection = $"{ConfluencePaths.V2}pages/{arguments.PageId}/properties";
        var subject = $"page with id {arguments.PageId}";
        var existing = (await confluence.GetAsync(ConfluencePaths.With(collection, ("key", arguments.Key)), subject)).Results().FirstOrDefault();
        var saved = existing.ValueKind == JsonValueKind.Object
            ? await confluence.SendAsync("PUT", $"{collection}/{existing.Str("id")}",
                new { key = arguments.Key, value = arguments.Value, version = new { number = (existing.Int("version", "number") ?? 0) + 1 } }, $"property '{arguments.Key}' of {subject}")
            : await confluence.SendAsync("POST", collection, new { key = arguments.Key, value = arguments.Value }, subject);
        var result = PagePropertyResult.From(saved);
        return ToolOutcome.Success($"{(existing.ValueKind == JsonValueKind.Object ? "Updated" : "Created")} property '{result.Key}' on page {arguments.PageId} (version {result.Version}).",
            Structured.Json(result), 200);
    }
}
