using Platform.Confluence.Content;

namespace Platform.Confluence.Tools;

/// <summary>
/// How an update makes the new body from the current one, which it reads inside the update (so the edit applies to the
/// version it checks): storage replaces it verbatim; Markdown changes only the blocks the model changed.
/// </summary>
internal sealed class BodyEdit(Func<string, MarkdownEditResult> apply, bool blockWise = true)
{
    /// <summary>False when the whole body is replaced verbatim, so there are no kept or rewritten blocks to report.</summary>
    public bool BlockWise => blockWise;

    /// <summary>The whole body, in <paramref name="format"/>.</summary>
    public static BodyEdit Whole(string body, ContentFormat format, bool confirmLosses) => format == ContentFormat.Storage
        ? new(current => new MarkdownEditResult(body, null, 0, 0, 0, []), blockWise: false)
        : new(current => MarkdownEdit.Apply(current, body, confirmLosses));

    /// <summary>The content under a heading, in <paramref name="format"/>.</summary>
    public static BodyEdit Section(string heading, int? occurrence, string body, ContentFormat format, bool confirmLosses) => format == ContentFormat.Storage
        ? new(current => MarkdownEdit.ReplaceSectionStorage(current, heading, occurrence, body))
        : new(current => MarkdownEdit.ApplyToSection(current, heading, occurrence, body, confirmLosses));

    /// <summary>The new body, or the refusal (nothing written) as a tool error the model can act on.</summary>
    public MarkdownEditResult ApplyTo(string current)
    {
        try
        {
            return apply(current);
        }
        catch (FormatException)
        {
            throw new UpstreamFailureException(ToolOutcome.ToolError(
                "The current body is not well-formed storage XHTML, so a Markdown edit cannot be mapped onto it. Nothing was saved. " +
                "Read it with get_page format=\"storage\" and write the whole body with format=\"storage\".", null));
        }
    }
}
