using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

/// <summary>
/// A person in a tenant's directory. A disabled user can call nothing and administer nothing. <see cref="Email"/> or
/// <see cref="AtlassianAccountId"/> says which Atlassian account may be connected for them: a consenting account must
/// have that id, or else that email.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.DirectoryUser")]
public sealed record DirectoryUser(
    [property: Id(0)] UserId Id,
    [property: Id(1)] string? ExternalId,
    [property: Id(2)] string? Email,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] DirectoryRole Role,
    [property: Id(5)] string? AtlassianAccountId = null);
