using System.Text.Json;
using System.Text.RegularExpressions;
using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>v1 labels on content: list, add (array of {prefix,name} or a single object), remove.</summary>
public static partial class LabelsV1Api
{
    private static readonly ContentType[] Labelled = [ContentType.Page, ContentType.BlogPost, ContentType.Attachment];

    public static RouteGroupBuilder MapLabelsV1Api(this RouteGroupBuilder v1)
    {
        v1.MapGet("/content/{id}/label", (HttpContext c, SimulatorStore s, string id) => WithContent(c, s, id, item => Results.Json(V1Mapper.LabelList(item.Labels)))).V1("v1.getLabels");
        v1.MapPost("/content/{id}/label", Add).V1("v1.addLabels");
        v1.MapDelete("/content/{id}/label/{label}", (HttpContext c, SimulatorStore s, string id, string label) =>
            WithContent(c, s, id, item => item.Labels.RemoveAll(l => l.Name == label) > 0 ? Results.NoContent() : ApiErrors.V1(404, $"Label {label} not found"))).V1("v1.removeLabel");
        v1.MapDelete("/content/{id}/label", (HttpContext c, SimulatorStore s, string id) =>
        {
            var name = c.Request.Query["name"].FirstOrDefault() ?? "";
            return WithContent(c, s, id, item => item.Labels.RemoveAll(l => l.Name == name) > 0 ? Results.NoContent() : ApiErrors.V1(404, $"Label {name} not found"));
        }).V1("v1.removeLabel");
        return v1;
    }

    private static async Task<IResult> Add(HttpContext context, SimulatorStore store, string id)
    {
        List<(string Prefix, string Name)> wanted;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body);
            var items = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [doc.RootElement];
            wanted = items.Select(e => (e.TryGetProperty("prefix", out var p) ? p.GetString() ?? "global" : "global", e.GetProperty("name").GetString() ?? "")).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ApiErrors.V1(400, "Labels must be an array of {prefix, name}");
        }
        if (wanted.Any(w => !LabelName().IsMatch(w.Name)))
        {
            return ApiErrors.V1(400, "Label names must be non-empty and contain no spaces");
        }
        return WithContent(context, store, id, item =>
        {
            foreach (var (prefix, name) in wanted.Where(w => item.Labels.All(l => !l.Name.Equals(w.Name, StringComparison.OrdinalIgnoreCase))))
            {
                item.Labels.Add(new Label(store.NewId(), name.ToLowerInvariant(), prefix));
            }
            return Results.Json(V1Mapper.LabelList(item.Labels));
        });
    }

    private static IResult WithContent(HttpContext context, SimulatorStore store, string id, Func<Content, IResult> then)
    {
        var caller = Caller.Of(context);
        lock (store.Gate)
        {
            var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, Labelled) : null;
            return item is null ? ApiErrors.NotFound(ApiVersion.V1) : then(item);
        }
    }

    [GeneratedRegex("^[^\\s]{1,255}\\z")]
    private static partial Regex LabelName();
}
