using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>v1 page templates: a space's templates (or the global ones without <c>spaceKey</c>), and one template with its body.</summary>
public static class TemplatesApi
{
    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/template/page", (HttpContext c, SimulatorStore s) =>
        {
            var caller = Caller.Of(c);
            var spaceKey = c.Request.Query["spaceKey"].FirstOrDefault();
            var withBody = V1Mapper.Expand(c.Request).Contains("body");
            lock (s.Gate)
            {
                if (spaceKey is not null && !(caller.Site.Content.SpacesByKey.TryGetValue(spaceKey, out var space) && caller.CanView(space)))
                {
                    return ApiErrors.V1(404, $"No space with key : {spaceKey}");
                }
                var templates = caller.Site.Content.Templates.Values
                    .Where(t => spaceKey is null ? t.SpaceKey is null : string.Equals(t.SpaceKey, spaceKey, StringComparison.OrdinalIgnoreCase)).ToList();
                return V1Paging.List(c, templates, t => Template(caller, t, withBody));
            }
        }).V1("v1.getContentTemplates");
        v1.MapGet("/template/{id}", (HttpContext c, SimulatorStore s, string id) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var template = Formats.ParseId(id) is { } key ? caller.Site.Content.Templates.GetValueOrDefault(key) : null;
                var visible = template is not null && (template.SpaceKey is null
                    || (caller.Site.Content.SpacesByKey.TryGetValue(template.SpaceKey, out var space) && caller.CanView(space)));
                // Confluence answers 403 for a template that does not exist or that the caller cannot see.
                return visible ? Results.Json(Template(caller, template!, withBody: true)) : ApiErrors.V1(403, "No template with the given id, or it is not permitted");
            }
        }).V1("v1.getContentTemplate");
        return v1;
    }

    private static Dictionary<string, object?> Template(Caller caller, ContentTemplate template, bool withBody)
    {
        var json = new Dictionary<string, object?>
        {
            ["templateId"] = Formats.Id(template.Id),
            ["name"] = template.Name,
            ["description"] = template.Description,
            ["labels"] = template.Labels.Select((name, i) => new { prefix = "global", name, id = Formats.Id(template.Id * 10 + i), label = name }).ToList(),
            ["templateType"] = "page",
            ["editorVersion"] = "v2",
        };
        if (template.SpaceKey is { } key && caller.Site.Content.SpacesByKey.TryGetValue(key, out var space))
        {
            json["space"] = V1Mapper.Space(space);
        }
        if (withBody)
        {
            json["body"] = new { storage = new { value = template.Body, representation = "storage" } };
        }
        else
        {
            json["_expandable"] = new { body = "" };
        }
        json["_links"] = new { self = $"{caller.BaseUrl}/rest/api/template/{template.Id}", @base = caller.BaseUrl, context = "/wiki" };
        return json;
    }
}
