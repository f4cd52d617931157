namespace Platform.Confluence.Tools;

/// <summary>Content types a text search can be narrowed to.</summary>
internal enum SearchContentType
{
    Page,
    Blogpost,
    Comment,
    Attachment,
    Whiteboard,
}
