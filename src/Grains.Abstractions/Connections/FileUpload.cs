namespace Platform.Grains.Connections;

/// <summary>A file sent to Confluence as the <c>file</c> part of a multipart request, with an optional version comment.</summary>
[GenerateSerializer, Immutable, Alias("Platform.FileUpload")]
public sealed record FileUpload(
    [property: Id(0)] string FileName,
    [property: Id(1)] string MediaType,
    [property: Id(2)] byte[] Content,
    [property: Id(3)] string? Comment = null)
{
    public override string ToString() => $"FileUpload({FileName}, {MediaType}, {Content.Length} bytes)";
}
