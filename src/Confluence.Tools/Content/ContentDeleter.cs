namespace Platform.Confluence.Tools;

/// <summary>Moves a page or blog post to the space's trash (restorable by a space admin), never purges.</summary>
internal static class ContentDeleter
{
    public static async Task<ToolOutcome> TrashAsync(ConfluenceSession confluence, ContentKind kind, string id)
    {
        await confluence.SendAsync("DELETE", kind.PathOf(id), null, $"{kind.Noun} with id {id}");
        return ToolOutcome.Success($"Moved {kind.Noun} {id} to the trash. A space admin can restore it from the space's trash.",
            Structured.Json(new DeleteResult(id, kind.Noun, Trashed: true)), 204);
    }
}
