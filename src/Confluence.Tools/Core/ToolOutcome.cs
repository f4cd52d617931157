namespace Platform.Confluence.Tools;

/// <summary>
/// What a tool produced: <see cref="Text"/> for the model (Markdown, or an actionable error), optional
/// <see cref="StructuredJson"/> matching the tool's output schema, <see cref="Images"/> to show as image content
/// after the text, and Confluence's status when it was asked.
/// </summary>
public sealed record ToolOutcome(
    ToolOutcomeKind Kind,
    string Text,
    string? StructuredJson = null,
    int? UpstreamStatus = null,
    TimeSpan? RetryAfter = null,
    IReadOnlyList<ToolImage>? Images = null)
{
    public bool IsSuccess => Kind == ToolOutcomeKind.Success;

    public static ToolOutcome Success(string text, string? structuredJson = null, int? upstreamStatus = null) =>
        new(ToolOutcomeKind.Success, text, structuredJson, upstreamStatus);

    public static ToolOutcome InvalidArguments(string message) => new(ToolOutcomeKind.InvalidArguments, message);

    public static ToolOutcome ToolError(string message, int? upstreamStatus, TimeSpan? retryAfter = null) =>
        new(ToolOutcomeKind.ToolError, message, null, upstreamStatus, retryAfter);
}
