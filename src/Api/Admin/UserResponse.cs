using Platform.Grains.Governance;

namespace Platform.Api.Admin;

public sealed record UserResponse(string Id, string? ExternalId, string? Email, bool Enabled, DirectoryRole Role, string? AtlassianAccountId)
{
    public static UserResponse From(DirectoryUser user) => new(user.Id.Value, user.ExternalId, user.Email, user.Enabled, user.Role, user.AtlassianAccountId);
}
