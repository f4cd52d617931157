namespace Platform.Confluence.Tools;

/// <summary>Carries the tool error a failed Confluence call ends the invocation with.</summary>
internal sealed class UpstreamFailureException(ToolOutcome outcome) : Exception(outcome.Text)
{
    public ToolOutcome Outcome { get; } = outcome;
}
