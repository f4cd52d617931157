using System.Text.RegularExpressions;

namespace Platform.Confluence.Tools;

/// <summary>
/// The ids search hands to fetch: the content's type and Confluence id, <c>page:123</c> or <c>blogpost:456</c>, so fetch
/// reads it with one request. A bare numeric id is taken as a page's.
/// </summary>
internal static partial class ConnectorIds
{
    public static string Format(string type, string id) => $"{type}:{id}";

    public static bool TryParse(string id, out ContentKind kind, out string contentId)
    {
        var match = IdPattern().Match(id);
        (kind, contentId) = match.Success
            ? (match.Groups["type"].Value == "blogpost" ? ContentKind.BlogPost : ContentKind.Page, match.Groups["id"].Value)
            : (ContentKind.Page, "");
        return match.Success;
    }

    [GeneratedRegex(@"^(?:(?<type>page|blogpost):)?(?<id>[0-9]{1,20})\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
