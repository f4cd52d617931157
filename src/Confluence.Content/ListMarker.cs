namespace Platform.Confluence.Content;

/// <summary>The kind of Markdown list a rendered block is, if any.</summary>
internal enum ListMarker
{
    None,
    Bullet,
    Ordered,
}
