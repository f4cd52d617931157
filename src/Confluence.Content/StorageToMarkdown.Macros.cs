using System.Xml.Linq;

namespace Platform.Confluence.Content;

public static partial class StorageToMarkdown
{
    private static readonly Dictionary<string, string> PanelLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["info"] = "Info",
        ["note"] = "Note",
        ["warning"] = "Warning",
        ["tip"] = "Tip",
        ["panel"] = "Panel",
    };

    private static readonly HashSet<string> BlockMacros = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "noformat", "info", "note", "warning", "tip", "panel", "expand", "section", "column", "details", "excerpt",
    };

    /// <summary>Macros whose body is the content and which show nothing of their own.</summary>
    private static readonly HashSet<string> StructuralMacros = new(StringComparer.OrdinalIgnoreCase) { "section", "column", "details", "excerpt" };

    private static bool IsBlockMacro(XElement macro) =>
        BlockMacros.Contains(MacroName(macro))
        || macro.Element(StorageXml.Ac + "rich-text-body") is not null
        || macro.Element(StorageXml.Ac + "plain-text-body") is not null;

    private static List<string> RenderMacro(XElement macro)
    {
        var name = MacroName(macro);
        var richBody = macro.Element(StorageXml.Ac + "rich-text-body");
        var plainBody = macro.Element(StorageXml.Ac + "plain-text-body");

        if (!IsBlockMacro(macro))
        {
            return [RenderInlineMacro(macro).Trim()];
        }

        switch (name)
        {
            case "code" or "noformat":
                var code = MarkdownText.CodeFence(plainBody?.Value ?? string.Empty, Parameter(macro, "language"));
                return Parameter(macro, "title") is { Length: > 0 } codeTitle
                    ? [$"**{MarkdownText.EscapeInline(codeTitle)}**", code]
                    : [code];
            case "info" or "note" or "warning" or "tip" or "panel":
                var label = PanelLabels[name];
                var body = RenderBlocks(richBody?.Nodes() ?? []);
                if (Parameter(macro, "title") is { Length: > 0 } panelTitle)
                {
                    body.Insert(0, $"**{label}: {MarkdownText.EscapeInline(panelTitle)}**");
                    return QuoteBlocks(body, label: null);
                }

                return QuoteBlocks(body, label);
            case "expand":
                var expandTitle = Parameter(macro, "title") is { Length: > 0 } title ? title : "Click here to expand...";
                return [$"**Expand: {MarkdownText.EscapeInline(expandTitle)}**", .. RenderBlocks(richBody?.Nodes() ?? [])];
        }

        if (StructuralMacros.Contains(name))
        {
            return RenderBlocks(richBody?.Nodes() ?? []);
        }

        if (richBody is not null)
        {
            return [Placeholder(macro), .. RenderBlocks(richBody.Nodes()), $"[/macro: {name}]"];
        }

        if (plainBody is not null)
        {
            return [Placeholder(macro), MarkdownText.CodeFence(plainBody.Value, language: null)];
        }

        return [Placeholder(macro)];
    }

    private static string RenderInlineMacro(XElement macro)
    {
        var name = MacroName(macro);
        switch (name)
        {
            case "status":
                var status = Parameter(macro, "title") ?? string.Empty;
                var colour = Parameter(macro, "colour");
                var described = colour is null ? status : $"{status} ({colour})";
                return $" [Status: {MarkdownText.EscapeInline(described.Trim())}] ";
            case "jira" when Parameter(macro, "key") is { Length: > 0 } key:
                return $" [Jira: {MarkdownText.EscapeInline(key)}] ";
        }

        // Spaces around a placeholder keep it apart from neighbouring words; the inline builder collapses extras.
        return IsBlockMacro(macro)
            ? " " + string.Join(' ', RenderMacro(macro)).Replace('\n', ' ') + " "
            : " " + Placeholder(macro) + " ";
    }

    /// <summary><c>[macro: name key=value ...]</c>: names the macro and keeps every parameter for the reader.</summary>
    private static string Placeholder(XElement macro)
    {
        var parts = new List<string> { MacroName(macro) };
        foreach (var parameter in macro.Elements(StorageXml.Ac + "parameter"))
        {
            var key = parameter.Attribute(StorageXml.Ac + "name")?.Value ?? string.Empty;
            var value = ParameterValue(parameter);
            if (value.Contains(' ', StringComparison.Ordinal))
            {
                value = "\"" + value + "\"";
            }

            parts.Add(key.Length == 0 ? value : $"{key}={value}");
        }

        return "[macro: " + MarkdownText.EscapeInline(string.Join(' ', parts)) + "]";
    }

    private static string MacroName(XElement macro) =>
        (macro.Attribute(StorageXml.Ac + "name")?.Value ?? "unknown").Trim().ToLowerInvariant();

    private static string? Parameter(XElement macro, string name)
    {
        var parameter = macro.Elements(StorageXml.Ac + "parameter")
            .FirstOrDefault(p => string.Equals(p.Attribute(StorageXml.Ac + "name")?.Value, name, StringComparison.OrdinalIgnoreCase));
        return parameter is null ? null : ParameterValue(parameter);
    }

    /// <summary>A parameter is text, or a resource identifier (a page, user, space or attachment) described by name.</summary>
    private static string ParameterValue(XElement parameter)
    {
        var resources = parameter.Descendants().Where(e => e.Name.Namespace == StorageXml.Ri).Select(resource => resource.Name.LocalName switch
        {
            "page" or "blog-post" => SpacePrefix(resource) + Attr(resource, "content-title"),
            "user" => "@" + UserId(resource),
            "space" => Attr(resource, "space-key"),
            "attachment" => Attr(resource, "filename"),
            "url" => Attr(resource, "value"),
            _ => string.Empty,
        }).Where(value => value.Length > 0).ToList();

        return resources.Count > 0 ? string.Join(',', resources) : CollapseWhitespace(parameter.Value).Trim();
    }
}
