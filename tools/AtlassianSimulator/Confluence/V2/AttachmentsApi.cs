using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V2;

/// <summary>v2 attachments: list, per page, get, delete (upload is v1; download is the link in each attachment).</summary>
public static class AttachmentsApi
{
    public static RouteGroupBuilder MapAttachmentsApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/attachments", (HttpContext c, SimulatorStore s) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                return Paging.List(c, caller.Site.Content.Items.Values.Where(i => i.Type == ContentType.Attachment && i.Status == "current" && caller.CanView(i)),
                    i => V2Mapper.Attachment(caller, i));
            }
        }).V2("getAttachments");
        v2.MapGet("/pages/{id}/attachments", (HttpContext c, SimulatorStore s, string id) => HierarchyApi.WithPage(c, s, id, (caller, page) =>
            Paging.List(c, page.ChildIds.Select(caller.Site.Content.Items.GetValueOrDefault).OfType<Content>()
                .Where(i => i.Type == ContentType.Attachment && i.Status == "current"), i => V2Mapper.Attachment(caller, i)))).V2("getPageAttachments");
        v2.MapGet("/attachments/{id}", (HttpContext c, SimulatorStore s, string id) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var item = Find(caller, id);
                return item is null ? ApiErrors.NotFound(ApiVersion.V2) : Results.Json(V2Mapper.Attachment(caller, item, withBase: true));
            }
        }).V2("getAttachmentById");
        v2.MapDelete("/attachments/{id}", (HttpContext c, SimulatorStore s, string id) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var item = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Attachment], "current", "trashed") : null;
                return item is null ? ApiErrors.NotFound(ApiVersion.V2) : ContentOps.Delete(caller, item, c.Request.Query["purge"] == "true");
            }
        }).V2("deleteAttachment");
        return v2;
    }

    private static Content? Find(Caller caller, string id)
    {
        // Attachment ids are shown as "att123" by Confluence; accept both forms.
        var numeric = id.StartsWith("att", StringComparison.Ordinal) ? id[3..] : id;
        return Formats.ParseId(numeric) is { } key ? caller.FindVisible(key, [ContentType.Attachment]) : null;
    }
}
