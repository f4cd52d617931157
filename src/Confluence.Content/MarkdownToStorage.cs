using Markdig;
using Markdig.Extensions.EmphasisExtras;

namespace Platform.Confluence.Content;

/// <summary>
/// Converts Markdown written by a model into Confluence storage format (a well-formed XHTML fragment).
/// Fenced code becomes the code macro, task lists become <c>ac:task-list</c>, images and the pseudo-URLs that
/// <see cref="StorageToMarkdown"/> writes (<c>page:</c>, <c>attachment:</c>, <c>space:</c>) become resource links.
/// </summary>
/// <remarks>
/// Raw HTML in the Markdown is written as escaped text, never passed through: otherwise a model (or a prompt
/// injected into one) could place arbitrary storage markup, such as macros, on a page. Links with schemes other
/// than http, https, mailto and relative ones are written as text for the same reason.
/// </remarks>
public static class MarkdownToStorage
{
    // DisableHtml turns HTML blocks and inline HTML into literal text, which the writer then escapes.
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .DisableHtml()
        .Build();

    /// <summary>Converts Markdown to a storage-format fragment ready for a page body.</summary>
    public static string Convert(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        return new StorageWriter(firstTaskId: 1).Write(document);
    }

    /// <summary>
    /// Converts Markdown for a place in an existing page: task ids continue from <paramref name="nextTaskId"/>, which
    /// is advanced past the ids used, so tasks stay uniquely numbered on the page.
    /// </summary>
    internal static string Convert(string markdown, ref int nextTaskId)
    {
        var writer = new StorageWriter(nextTaskId);
        var storage = writer.Write(Markdown.Parse(markdown, Pipeline));
        nextTaskId = writer.NextTaskId;
        return storage;
    }
}
