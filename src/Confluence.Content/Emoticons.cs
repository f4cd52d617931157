using System.Xml.Linq;

namespace Platform.Confluence.Content;

/// <summary>Confluence emoticons as the Unicode emoji they stand for.</summary>
internal static class Emoticons
{
    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["smile"] = "🙂",
        ["sad"] = "🙁",
        ["cheeky"] = "😛",
        ["laugh"] = "😀",
        ["wink"] = "😉",
        ["thumbs-up"] = "👍",
        ["thumbs-down"] = "👎",
        ["information"] = "ℹ️",
        ["tick"] = "✅",
        ["cross"] = "❌",
        ["warning"] = "⚠️",
        ["plus"] = "➕",
        ["minus"] = "➖",
        ["question"] = "❓",
        ["light-on"] = "💡",
        ["light-off"] = "💡",
        ["yellow-star"] = "⭐",
        ["red-star"] = "⭐",
        ["green-star"] = "⭐",
        ["blue-star"] = "⭐",
        ["heart"] = "❤️",
        ["broken-heart"] = "💔",
    };

    /// <summary>Cloud pages carry the emoji itself in <c>ac:emoji-fallback</c>; older pages only the name.</summary>
    public static string Render(XElement emoticon)
    {
        var fallback = emoticon.Attribute(StorageXml.Ac + "emoji-fallback")?.Value;
        if (!string.IsNullOrWhiteSpace(fallback))
        {
            return fallback;
        }

        var name = emoticon.Attribute(StorageXml.Ac + "name")?.Value ?? string.Empty;
        return ByName.TryGetValue(name, out var emoji) ? emoji : $":{name}:";
    }
}
