namespace Platform.Confluence.Tools;

/// <summary>Posts a comment and reports it.</summary>
internal static class CommentWriter
{
    public static async Task<ToolOutcome> PostAsync(ConfluenceSession confluence, CommentKind kind, object body, string subject)
    {
        var collection = kind == CommentKind.Footer ? "footer-comments" : "inline-comments";
        var created = await confluence.SendAsync("POST", ConfluencePaths.V2 + collection, body, subject);
        var result = CommentResult.From(created, kind);
        return ToolOutcome.Success($"Posted {(kind == CommentKind.Footer ? "footer" : "inline")} comment {result.Id}" +
            $"{(result.ParentCommentId is null ? "" : $" in reply to {result.ParentCommentId}")}.{(result.WebUrl is null ? "" : " " + result.WebUrl)}",
            Structured.Json(result), 201);
    }
}
