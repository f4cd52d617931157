namespace Platform.Confluence.Tools;

/// <summary>A file sent to Confluence as the <c>file</c> part of a multipart request, with an optional version comment.</summary>
public sealed record FileUpload(
    string FileName,
    string MediaType,
    byte[] Content,
    string? Comment = null)
{
    public override string ToString() => $"FileUpload({FileName}, {MediaType}, {Content.Length} bytes)";
}
