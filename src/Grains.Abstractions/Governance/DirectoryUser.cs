using Platform.Grains.Identity;

namespace Platform.Grains.Governance;

/// <summary>A person in a tenant's directory. A disabled user can call nothing and administer nothing.</summary>
[GenerateSerializer, Immutable, Alias("Platform.DirectoryUser")]
public sealed record DirectoryUser(
    [property: Id(0)] UserId Id,
    [property: Id(1)] string? ExternalId,
    [property: Id(2)] string? Email,
    [property: Id(3)] bool Enabled,
    [property: Id(4)] DirectoryRole Role);
