namespace Platform.Grains.SignIn;

/// <summary>
/// How a tenant signs its people in: the method, how an identity maps to a directory user, and whether an unknown but
/// authenticated person is added to the directory (just-in-time) as a member of <see cref="DefaultGroup"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.SignInSettings")]
public sealed record SignInSettings(
    [property: Id(0)] SignInMethod Method,
    [property: Id(1)] UserMatching Matching,
    [property: Id(2)] bool ProvisionUsers,
    [property: Id(3)] string? DefaultGroup,
    [property: Id(4)] OidcProviderSettings? Oidc)
{
    public static SignInSettings Default { get; } = new(SignInMethod.Atlassian, UserMatching.Email, false, null, null);
}
