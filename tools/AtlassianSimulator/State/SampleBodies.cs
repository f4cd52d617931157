using System.Net;

namespace AtlassianSimulator.State;

/// <summary>Realistic storage-format XHTML for seeded pages: headings, lists, a table, links, code and info macros, an image.</summary>
public static class SampleBodies
{
    private static readonly string[] Topics = ["deployment", "on-call", "database migration", "release checklist", "API design", "incident review", "onboarding", "architecture"];

    public static string Topic(int index) => Topics[index % Topics.Length];

    public static string Page(int index, string title, string? attachmentName)
    {
        var topic = WebUtility.HtmlEncode(Topic(index));
        var image = attachmentName is null ? "" : $"<ac:image ac:height=\"250\"><ri:attachment ri:filename=\"{WebUtility.HtmlEncode(attachmentName)}\" /></ac:image>";
        return $"""
            <h1>{WebUtility.HtmlEncode(title)}</h1><p>This page describes the <strong>{topic}</strong> process, revision {index}.</p><h2>Steps</h2><ol><li><p>Read the <a href="https://example.com/docs/{index}">{topic} guide</a>.</p></li><li><p>Run the script below.</p></li><li><p>Tell the team in <em>#ops</em>.</p></li></ol><ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[./run.sh --step {index} && echo "done"]]></ac:plain-text-body></ac:structured-macro><ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body><p>Ask the owner before changing the {topic} settings.</p></ac:rich-text-body></ac:structured-macro><h2>Contacts</h2><table><tbody><tr><th><p>Role</p></th><th><p>Name</p></th></tr><tr><td><p>Owner</p></td><td><p>Team {index % 7}</p></td></tr><tr><td><p>Backup</p></td><td><p>Team {(index + 3) % 7}</p></td></tr></tbody></table><ul><li><p>Keyword: item{index}</p></li><li><p>Status: active</p></li></ul>{image}
            """;
    }

    public static string BlogPost(int index) =>
        $"<p>Weekly update {index}: we shipped the <strong>{WebUtility.HtmlEncode(Topic(index))}</strong> improvements.</p><ul><li><p>Faster builds</p></li><li><p>Fewer pages</p></li></ul>";

    public static string Comment(int index) => $"<p>Looks good to me ({index}).</p>";
}
