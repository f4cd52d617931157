using Platform.Grains.Identity;

namespace Platform.Grains.SignIn;

/// <summary>Who signed in (a directory user), or why nobody did, in words a person can read.</summary>
[GenerateSerializer, Immutable, Alias("Platform.SignInOutcome")]
public sealed record SignInOutcome(
    [property: Id(0)] UserId? User,
    [property: Id(1)] string? DisplayName,
    [property: Id(2)] string Message,
    [property: Id(3)] bool AtlassianConnected = false)
{
    public bool Succeeded => User is not null;

    public static SignInOutcome Refused(string message) => new(null, null, message);
}
