using AtlassianSimulator.Model;

namespace AtlassianSimulator.Access;

/// <summary>Space-level view permission: a restricted space is visible only to its allowed accounts and groups.</summary>
public static class AccessPolicy
{
    public static bool CanView(this Caller caller, Space space) =>
        !space.IsRestricted
        || (space.AllowedAccountIds?.Contains(caller.User.AccountId) ?? false)
        || (space.AllowedGroupIds?.Overlaps(caller.User.GroupIds) ?? false);

    /// <summary>Finds content of the given types the caller may see, in the given statuses (default: current).</summary>
    public static Content? FindVisible(this Caller caller, long id, ContentType[] types, params string[] statuses)
    {
        var content = caller.Site.Content;
        if (!content.Items.TryGetValue(id, out var item) || !types.Contains(item.Type))
        {
            return null;
        }
        var allowed = statuses.Length == 0 ? ["current"] : statuses;
        if (!allowed.Contains(item.Status))
        {
            return null;
        }
        return content.Spaces.TryGetValue(item.SpaceId, out var space) && caller.CanView(space) ? item : null;
    }

    public static bool CanView(this Caller caller, Content item) =>
        caller.Site.Content.Spaces.TryGetValue(item.SpaceId, out var space) && caller.CanView(space);
}
