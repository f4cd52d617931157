namespace Platform.Confluence.Tools;

/// <summary>Every Confluence tool the gateway offers, by unique name.</summary>
public sealed class ToolCatalog
{
    private readonly Dictionary<string, ConfluenceTool> byName;

    public ToolCatalog(IEnumerable<ConfluenceTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        Tools = [.. tools];
        byName = Tools.ToDictionary(t => t.Definition.Name, StringComparer.Ordinal);
    }

    public static ToolCatalog Default { get; } = new(
    [
        new ConnectorSearchTool(),
        new ConnectorFetchTool(),
        new SearchContentTool(),
        new CreatePageTool(),
        new DeletePageTool(),
        new GetPageAncestorsTool(),
        new GetPageChildrenTool(),
        new GetPageTool(),
        new GetPageTreeTool(),
        new GetPageVersionsTool(),
        new ListPagesTool(),
        new MovePageTool(),
        new CopyPageTool(),
        new DiffPageVersionsTool(),
        new GetPageViewsTool(),
        new UpdatePageTool(),
        new UpdatePageSectionTool(),
        new CreateBlogPostTool(),
        new DeleteBlogPostTool(),
        new GetBlogPostTool(),
        new ListBlogPostsTool(),
        new UpdateBlogPostTool(),
        new CreateSpaceTool(),
        new GetSpaceTool(),
        new ListSpacesTool(),
        new CreateFooterCommentTool(),
        new ListCommentsTool(),
        new ReplyToCommentTool(),
        new CreateInlineCommentTool(),
        new ResolveInlineCommentTool(),
        new DeleteAttachmentTool(),
        new DownloadAttachmentTool(),
        new GetAttachmentTool(),
        new ListAttachmentsTool(),
        new UploadAttachmentTool(),
        new GetPageImagesTool(),
        new CreateWhiteboardTool(),
        new DeleteWhiteboardTool(),
        new GetWhiteboardTool(),
        new AddLabelsTool(),
        new ListLabelsTool(),
        new RemoveLabelTool(),
        new GetPagePropertyTool(),
        new SetPagePropertyTool(),
        new GetCurrentUserTool(),
        new GetGroupMembersTool(),
        new GetUserTool(),
        new ListGroupsTool(),
        new SearchUsersTool(),
        new ListAccessibleSitesTool(),
        new ListTemplatesTool(),
        new GetTemplateTool(),
        new CreatePageFromTemplateTool(),
        new GetPageRestrictionsTool(),
        new SetPageRestrictionsTool(),
        new CheckContentPermissionTool(),
        new GetSpacePermissionsTool(),
    ]);

    public IReadOnlyList<ConfluenceTool> Tools { get; }

    public ConfluenceTool? Find(string name) => byName.GetValueOrDefault(name);
}
