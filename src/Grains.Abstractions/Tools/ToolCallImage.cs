namespace Platform.Grains.Tools;

/// <summary>An image a tool returns for the model to see: its media type, the base64 of its bytes, and its file name.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ToolCallImage")]
public sealed record ToolCallImage(
    [property: Id(0)] string MimeType,
    [property: Id(1)] string Base64Data,
    [property: Id(2)] string Name)
{
    public override string ToString() => $"ToolCallImage({Name}, {MimeType}, {Base64Data.Length} base64 chars)";
}
