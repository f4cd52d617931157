using AtlassianSimulator.Access;
using AtlassianSimulator.Model;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Confluence.V1;

/// <summary>v1 attachment upload (multipart, needs X-Atlassian-Token: no-check) and download.</summary>
public static class AttachmentsV1Api
{
    public static RouteGroupBuilder MapAttachmentsV1Api(this RouteGroupBuilder v1)
    {
        v1.MapPost("/content/{id}/child/attachment", Upload).V1("v1.createAttachment").DisableAntiforgery();
        v1.MapGet("/content/{id}/child/attachment/{attachmentId}/download", (HttpContext c, SimulatorStore s, string id, string attachmentId) =>
        {
            var caller = Caller.Of(c);
            lock (s.Gate)
            {
                var item = Formats.ParseId(attachmentId) is { } key ? caller.FindVisible(key, [ContentType.Attachment]) : null;
                return item is null || item.ContainerId != Formats.ParseId(id)
                    ? ApiErrors.NotFound(ApiVersion.V1)
                    : Results.File(item.Data ?? [], item.MediaType ?? "application/octet-stream", item.Title);
            }
        }).V1("getAttachmentById");
        return v1;
    }

    private static async Task<IResult> Upload(HttpContext context, SimulatorStore store, TimeProvider clock, string id)
    {
        var caller = Caller.Of(context);
        if (context.Request.Headers["X-Atlassian-Token"] != "no-check")
        {
            // Confluence's XSRF check rejects uploads without the header.
            return ApiErrors.V1(403, "XSRF check failed");
        }
        if (!context.Request.HasFormContentType)
        {
            return ApiErrors.V1(400, "Expected multipart/form-data");
        }
        var form = await context.Request.ReadFormAsync();
        var files = form.Files.GetFiles("file");
        if (files.Count == 0)
        {
            return ApiErrors.V1(400, "No file part named 'file'");
        }
        var uploads = new List<(string Name, string Type, byte[] Data)>();
        foreach (var file in files)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer);
            uploads.Add((file.FileName, file.ContentType ?? "application/octet-stream", buffer.ToArray()));
        }
        var comment = form["comment"].FirstOrDefault() ?? "";
        lock (store.Gate)
        {
            var container = Formats.ParseId(id) is { } key ? caller.FindVisible(key, [ContentType.Page, ContentType.BlogPost]) : null;
            if (container is null)
            {
                return ApiErrors.NotFound(ApiVersion.V1);
            }
            var created = uploads.Select(u =>
            {
                var attachment = store.AddContent(caller.Site, ContentType.Attachment, container.SpaceId, u.Name, "", caller.User.AccountId, clock.GetUtcNow(), null, container.Id);
                attachment.MediaType = u.Type;
                attachment.Data = u.Data;
                attachment.Versions[0] = attachment.Versions[0] with { Message = comment };
                return V1Mapper.Content(caller, attachment, new HashSet<string> { "version", "space" });
            }).ToList();
            return Results.Json(new Dictionary<string, object?> { ["results"] = created, ["start"] = 0, ["limit"] = created.Count, ["size"] = created.Count });
        }
    }
}
