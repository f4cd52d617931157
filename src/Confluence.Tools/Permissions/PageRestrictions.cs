using System.Text;
using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>A principal named in a restriction: a user by account id or a group by name and id.</summary>
internal sealed record RestrictionPrincipal(string Type, string Id, string? Name);

/// <summary>Who a restriction lets through; empty lists mean the operation is not restricted on this page.</summary>
internal sealed record RestrictionSet(IReadOnlyList<RestrictionPrincipal> Users, IReadOnlyList<RestrictionPrincipal> Groups)
{
    public bool IsRestricted => Users.Count > 0 || Groups.Count > 0;
}

/// <summary>Structured result of reading or setting a page's restrictions.</summary>
internal sealed record PageRestrictionsResult(string PageId, RestrictionSet View, RestrictionSet Edit)
{
    public static PageRestrictionsResult From(string pageId, JsonElement answer)
    {
        RestrictionSet Of(string operation)
        {
            var entry = answer.Results().FirstOrDefault(r => r.Str("operation") == operation);
            if (entry.ValueKind != JsonValueKind.Object)
            {
                return new RestrictionSet([], []);
            }
            var users = entry.At("restrictions", "user")?.Results().Select(u => new RestrictionPrincipal("user", u.Str("accountId") ?? "", u.Str("displayName"))).ToList() ?? [];
            var groups = entry.At("restrictions", "group")?.Results().Select(g => new RestrictionPrincipal("group", g.Str("id") ?? "", g.Str("name"))).ToList() ?? [];
            return new RestrictionSet(users, groups);
        }

        return new PageRestrictionsResult(pageId, Of("read"), Of("update"));
    }

    public string Text()
    {
        static string Line(string verb, RestrictionSet set) => !set.IsRestricted
            ? $"- {verb}: not restricted on this page (whoever has the space permission)"
            : $"- {verb}: only " + string.Join(", ", set.Users.Select(u => $"{u.Name ?? "user"} (account id {u.Id})")
                .Concat(set.Groups.Select(g => $"group {g.Name} (id {g.Id})")));

        return new StringBuilder().AppendLine($"Restrictions of page {PageId}").AppendLine()
            .AppendLine(Line("View", View)).AppendLine(Line("Edit", Edit)).AppendLine()
            .AppendLine("View restrictions of ancestor pages apply too (get_page_ancestors lists them); edit restrictions apply to this page only.")
            .ToString();
    }
}
