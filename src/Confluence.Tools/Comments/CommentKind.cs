namespace Platform.Confluence.Tools;

/// <summary>Footer comments sit under the page; inline comments are anchored to a text selection.</summary>
internal enum CommentKind
{
    Footer,
    Inline,
}
