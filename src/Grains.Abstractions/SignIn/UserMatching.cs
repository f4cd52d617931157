namespace Platform.Grains.SignIn;

/// <summary>Which directory field a signed-in identity is matched on.</summary>
[GenerateSerializer, Alias("Platform.UserMatching")]
public enum UserMatching
{
    /// <summary>The identity's verified email against the directory user's email (case-insensitive).</summary>
    Email = 0,

    /// <summary>The identity's subject (OIDC <c>sub</c>, or the Atlassian account id) against the directory user's external id.</summary>
    ExternalId = 1,
}
