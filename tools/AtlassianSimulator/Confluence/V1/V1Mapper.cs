using AtlassianSimulator.Access;
using AtlassianSimulator.Cql;
using AtlassianSimulator.Model;
using static AtlassianSimulator.Confluence.Formats;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>Builds v1 JSON (dictionaries, because v1 shapes depend on the expand parameter). Callers hold the store lock.</summary>
public static class V1Mapper
{
    public static HashSet<string> Expand(HttpRequest request) =>
        request.Query["expand"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);

    public static Dictionary<string, object?> User(User user) => new()
    {
        ["type"] = "known",
        ["accountId"] = user.AccountId,
        ["accountType"] = "atlassian",
        ["email"] = user.Email,
        ["publicName"] = user.DisplayName,
        ["displayName"] = user.DisplayName,
        ["profilePicture"] = new { path = "/wiki/aa-avatar/default.png", width = 48, height = 48, isDefault = true },
        ["_links"] = new { self = $"/rest/api/user?accountId={user.AccountId}" },
    };

    public static Dictionary<string, object?> Space(Space space) => new()
    {
        ["id"] = space.Id,
        ["key"] = space.Key,
        ["name"] = space.Name,
        ["type"] = space.Type,
        ["status"] = space.Status,
        ["_links"] = new { webui = $"/spaces/{space.Key}", self = $"/rest/api/space/{space.Key}" },
        ["_expandable"] = new { homepage = space.HomepageId is { } h ? $"/rest/api/content/{h}" : null, description = "" },
    };

    public static Dictionary<string, object?> Content(Caller caller, Content item, ISet<string> expand)
    {
        var site = caller.Site.Content;
        var json = new Dictionary<string, object?>
        {
            ["id"] = Id(item.Id),
            ["type"] = CqlEvaluator.TypeName(item.Type),
            ["status"] = item.Status,
            ["title"] = item.Title,
        };
        if (expand.Contains("space") && site.Spaces.TryGetValue(item.SpaceId, out var space))
        {
            json["space"] = Space(space);
        }
        if (expand.Contains("version") || expand.Contains("history"))
        {
            var author = caller.Site.MemberAccountIds.Contains(item.Current.AuthorId) ? item.Current.AuthorId : item.AuthorId;
            json["version"] = new Dictionary<string, object?>
            {
                ["by"] = new { type = "known", accountId = author },
                ["when"] = Date(item.Current.CreatedAt),
                ["message"] = item.Current.Message,
                ["number"] = item.Current.Number,
                ["minorEdit"] = item.Current.MinorEdit,
            };
        }
        if (expand.Contains("ancestors"))
        {
            var chain = new List<Dictionary<string, object?>>();
            var current = item;
            while (current.ParentId is { } p && site.Items.TryGetValue(p, out var parent))
            {
                chain.Insert(0, new Dictionary<string, object?> { ["id"] = Id(parent.Id), ["type"] = CqlEvaluator.TypeName(parent.Type), ["status"] = parent.Status, ["title"] = parent.Title });
                current = parent;
            }
            json["ancestors"] = chain;
        }
        var body = new Dictionary<string, object?>();
        if (expand.Contains("body.storage"))
        {
            body["storage"] = new { value = item.Body, representation = "storage" };
        }
        if (expand.Contains("body.view"))
        {
            body["view"] = new { value = BodyFormats.ToView(item.Body), representation = "view" };
        }
        if (expand.Contains("body.atlas_doc_format"))
        {
            body["atlas_doc_format"] = new { value = BodyFormats.ToAdf(item.Body), representation = "atlas_doc_format" };
        }
        if (body.Count > 0)
        {
            json["body"] = body;
        }
        if (expand.Contains("metadata.labels"))
        {
            json["metadata"] = new { labels = LabelList(item.Labels) };
        }
        if (item.Type == ContentType.Attachment)
        {
            json["extensions"] = new { mediaType = item.MediaType, fileSize = item.Data?.Length ?? 0, comment = item.Current.Message };
        }
        json["_links"] = new
        {
            webui = $"/spaces/{(site.Spaces.TryGetValue(item.SpaceId, out var s) ? s.Key : "")}/pages/{item.Id}",
            self = $"{caller.BaseUrl}/rest/api/content/{item.Id}",
            tinyui = $"/x/{item.Id:x}",
            download = item.Type == ContentType.Attachment ? $"/rest/api/content/{item.ContainerId}/child/attachment/{item.Id}/download" : null,
        };
        json["_expandable"] = new { space = $"/rest/api/space/{(site.Spaces.TryGetValue(item.SpaceId, out var sp) ? sp.Key : "")}", version = "", ancestors = "", body = "" };
        return json;
    }

    /// <summary>Materialised here because the response is serialised after the store lock is released.</summary>
    public static object LabelList(IReadOnlyCollection<Label> labels) => new
    {
        results = labels.Select(l => new { prefix = l.Prefix, name = l.Name, id = Id(l.Id), label = l.Name }).ToList(),
        start = 0,
        limit = 200,
        size = labels.Count,
    };
}
