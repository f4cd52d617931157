namespace Platform.Confluence.Tools;

/// <summary>Posts a comment and reports its id.</summary>
internal static class CommentWriter
{
    public static async Task<ToolOutcome> PostAsync(ConfluenceSession confluence, CommentKind kind, object body, string subject)
    {
        var collection = kind == CommentKind.Footer ? "footer-comments" : "inline-comments";
        var created = await confluence.SendAsync("POST", ConfluencePaths.V2 + collection, body, subject);
        var result = new CommentResult(created.Str("id") ?? "", created.Str("pageId"), created.Str("blogPostId"), created.Str("parentCommentId"),
            created.Str("_links", "webui"));
        return ToolOutcome.Success($"Posted comment {result.Id}{(result.ParentCommentId is null ? "" : $" in reply to {result.ParentCommentId}")}.",
            Structured.Json(result), 201);
    }
}
