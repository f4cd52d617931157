using Platform.Grains.Connections;

namespace Platform.Grains.Tools;

/// <summary>
/// What a tool call produced. <see cref="Text"/> is what the model reads (Markdown or a clear error);
/// <see cref="StructuredJson"/> is the structured result where the tool declares an output schema; <see cref="Images"/>
/// are shown to the model after the text.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.ToolCallResult")]
public sealed record ToolCallResult(
    [property: Id(0)] ToolCallStatus Status,
    [property: Id(1)] string Text,
    [property: Id(2)] string? StructuredJson = null,
    [property: Id(3)] ConnectLink? ConnectLink = null,
    [property: Id(4)] int? UpstreamStatus = null,
    [property: Id(5)] TimeSpan? RetryAfter = null,
    [property: Id(6)] IReadOnlyList<ToolCallImage>? Images = null)
{
    public override string ToString() => $"ToolCallResult({Status}, upstream {UpstreamStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"})";
}
