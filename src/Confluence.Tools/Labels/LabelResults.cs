using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>A label on content; a prefix other than "global" marks personal or team labels.</summary>
internal sealed record LabelItem(string Name, string Prefix, string? Id)
{
    public static LabelItem From(JsonElement label) => new(label.Str("name") ?? "", label.Str("prefix") ?? "global", label.Str("id"));
}

/// <summary>Structured result of list_labels and add_labels: the labels now on the content.</summary>
internal sealed record LabelsResult(string ContentId, IReadOnlyList<LabelItem> Labels);

/// <summary>Structured result of remove_label.</summary>
internal sealed record RemovedLabelResult(string ContentId, string Label, bool Removed);
