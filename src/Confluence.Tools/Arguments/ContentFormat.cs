namespace Platform.Confluence.Tools;

/// <summary>How a body is read or written: Markdown (converted) or Confluence storage XHTML (verbatim).</summary>
public enum ContentFormat
{
    Markdown,
    Storage,
}
