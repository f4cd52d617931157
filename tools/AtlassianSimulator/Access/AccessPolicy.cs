using AtlassianSimulator.Model;

namespace AtlassianSimulator.Access;

/// <summary>
/// View permission: a restricted space is visible only to its allowed accounts and groups; a page with a read
/// restriction (and everything below it: child pages, comments, attachments) only to the accounts it names.
/// </summary>
public static class AccessPolicy
{
    public static bool CanView(this Caller caller, Space space) =>
        !space.IsRestricted
        || (space.AllowedAccountIds?.Contains(caller.User.AccountId) ?? false)
        || (space.AllowedGroupIds?.Overlaps(caller.User.GroupIds) ?? false);

    /// <summary>Finds content of the given types the caller may see, in the given statuses (default: current).</summary>
    public static Content? FindVisible(this Caller caller, long id, ContentType[] types, params string[] statuses)
    {
        if (!caller.Site.Content.Items.TryGetValue(id, out var item) || !types.Contains(item.Type))
        {
            return null;
        }
        var allowed = statuses.Length == 0 ? ["current"] : statuses;
        return allowed.Contains(item.Status) && caller.CanView(item) ? item : null;
    }

    public static bool CanView(this Caller caller, Content item)
    {
        var content = caller.Site.Content;
        if (!content.Spaces.TryGetValue(item.SpaceId, out var space) || !caller.CanView(space))
        {
            return false;
        }
        // Read restrictions are inherited down the tree, so walk up to the space root.
        for (var current = item; current is not null; current = content.Items.GetValueOrDefault(current.ParentId ?? current.ContainerId ?? 0))
        {
            if (!Allows(caller.User, current.ViewerAccountIds, current.ViewerGroupIds))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Edit restrictions are not inherited: a page restricts editing for itself only.</summary>
    public static bool CanEdit(this Caller caller, Content item) =>
        caller.CanView(item) && Allows(caller.User, item.EditorAccountIds, item.EditorGroupIds);

    /// <summary>A restriction (accounts and groups; both null for none) lets the user through.</summary>
    private static bool Allows(User user, HashSet<string>? accounts, HashSet<string>? groups) =>
        (accounts is null && groups is null)
        || (accounts?.Contains(user.AccountId) ?? false)
        || (groups?.Overlaps(user.GroupIds) ?? false);
}
