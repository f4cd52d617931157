using System.Text;
using System.Text.Json;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Platform.Api.WebConsole.Model;

/// <summary>
/// A tool definition (its canonical JSON, as approvals keep it) as lines a person can compare: name, title and
/// annotations, the description as written, then the schemas indented.
/// </summary>
public static class DefinitionText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Render(string canonicalJson)
    {
        using var document = JsonDocument.Parse(canonicalJson);
        var root = document.RootElement;
        var text = new StringBuilder();
        text.AppendLine($"name: {Text(root, "name")}");
        text.AppendLine($"title: {Text(root, "title")}");
        if (root.TryGetProperty("annotations", out var annotations))
        {
            text.AppendLine($"annotations: {string.Join(", ", annotations.EnumerateObject().Select(hint => $"{hint.Name}={hint.Value.GetRawText()}"))}");
        }

        text.AppendLine("description:");
        foreach (var line in Text(root, "description").Split('\n'))
        {
            text.AppendLine($"  {line.TrimEnd('\r')}");
        }

        foreach (var schema in new[] { "inputSchema", "outputSchema" })
        {
            text.AppendLine($"{schema}:");
            text.AppendLine(root.TryGetProperty(schema, out var value) ? JsonSerializer.Serialize(value, Indented) : "null");
        }

        return text.ToString();
    }

    /// <summary>The two definitions side by side, line by line, with what changed marked.</summary>
    public static SideBySideDiffModel Compare(string approvedJson, string currentJson) =>
        new SideBySideDiffBuilder(new Differ()).BuildDiffModel(Render(approvedJson), Render(currentJson), ignoreWhitespace: false);

    private static string Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
