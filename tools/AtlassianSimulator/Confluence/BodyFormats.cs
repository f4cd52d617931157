using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AtlassianSimulator.Confluence;

/// <summary>
/// Conversions between storage XHTML and the other representations. Deliberately small: "view" turns the
/// common macros into the HTML Confluence renders; ADF is a minimal valid document carrying the text.
/// </summary>
public static partial class BodyFormats
{
    public static readonly string[] Readable = ["storage", "atlas_doc_format", "view"];

    public static string ToView(string storage)
    {
        var html = CodeMacro().Replace(storage, m => $"<div class=\"code panel\"><pre class=\"syntaxhighlighter-pre\">{WebUtility.HtmlEncode(m.Groups["code"].Value)}</pre></div>");
        html = InfoMacro().Replace(html, m => $"<div class=\"confluence-information-macro confluence-information-macro-{m.Groups["kind"].Value}\"><div class=\"confluence-information-macro-body\">{m.Groups["body"].Value}</div></div>");
        html = ImageAttachment().Replace(html, m => $"<img class=\"confluence-embedded-image\" src=\"/wiki/download/attachments/{WebUtility.HtmlEncode(m.Groups["file"].Value)}\">");
        html = ImageUrl().Replace(html, m => $"<img class=\"confluence-embedded-image\" src=\"{m.Groups["url"].Value}\">");
        return html;
    }

    public static string ToPlainText(string storage) => WebUtility.HtmlDecode(Tag().Replace(storage, " "));

    public static string ToAdf(string storage)
    {
        var paragraphs = BlockSplit().Split(storage)
            .Select(block => WebUtility.HtmlDecode(Tag().Replace(block, " ")).Trim())
            .Where(text => text.Length > 0)
            .Select(text => new { type = "paragraph", content = new[] { new { type = "text", text = CollapseSpaces().Replace(text, " ") } } });
        return JsonSerializer.Serialize(new { type = "doc", version = 1, content = paragraphs });
    }

    /// <summary>Converts a written body (storage, atlas_doc_format or wiki) to storage; null when the representation is unknown.</summary>
    public static string? ToStorage(string representation, string value) => representation switch
    {
        "storage" => value,
        "wiki" => string.Concat(value.Split('\n').Where(l => l.Length > 0).Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>")),
        "atlas_doc_format" => AdfToStorage(value),
        _ => null,
    };

    private static string? AdfToStorage(string adf)
    {
        try
        {
            using var doc = JsonDocument.Parse(adf);
            var texts = new List<string>();
            Collect(doc.RootElement, texts);
            return string.Concat(texts.Select(t => $"<p>{WebUtility.HtmlEncode(t)}</p>"));
        }
        catch (JsonException)
        {
            return null;
        }

        static void Collect(JsonElement node, List<string> texts)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            if (node.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                texts.Add(text.GetString()!);
            }
            if (node.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in content.EnumerateArray())
                {
                    Collect(child, texts);
                }
            }
        }
    }

    [GeneratedRegex("""<ac:structured-macro ac:name="code"[^>]*>.*?<ac:plain-text-body><!\[CDATA\[(?<code>.*?)\]\]></ac:plain-text-body></ac:structured-macro>""", RegexOptions.Singleline)]
    private static partial Regex CodeMacro();

    [GeneratedRegex("""<ac:structured-macro ac:name="(?<kind>info|note|warning|tip)"[^>]*>\s*<ac:rich-text-body>(?<body>.*?)</ac:rich-text-body></ac:structured-macro>""", RegexOptions.Singleline)]
    private static partial Regex InfoMacro();

    [GeneratedRegex("""<ac:image[^>]*>\s*<ri:attachment ri:filename="(?<file>[^"]+)"\s*/>\s*</ac:image>""", RegexOptions.Singleline)]
    private static partial Regex ImageAttachment();

    [GeneratedRegex("""<ac:image[^>]*>\s*<ri:url ri:value="(?<url>[^"]+)"\s*/>\s*</ac:image>""", RegexOptions.Singleline)]
    private static partial Regex ImageUrl();

    [GeneratedRegex("</(?:p|h[1-6]|li|tr|pre|div)>")]
    private static partial Regex BlockSplit();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex CollapseSpaces();
}
