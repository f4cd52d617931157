namespace AtlassianSimulator.OAuth;

/// <summary>An OAuth error answer in Atlassian's shape: {"error","error_description"}.</summary>
public sealed record OAuthError(int Status, string Error, string Description)
{
    public IResult ToResult() => Results.Json(new Dictionary<string, string> { ["error"] = Error, ["error_description"] = Description }, statusCode: Status);

    public static readonly OAuthError MissingOrWrongSecret = new(401, "access_denied", "Unauthorized");
    public static readonly OAuthError InvalidRefreshToken = new(403, "invalid_grant", "Unknown or invalid refresh token.");
    public static readonly OAuthError InvalidRefreshTokenFieldVariant = new(403, "unauthorized_client", "refresh_token is invalid");
    public static readonly OAuthError InvalidCode = new(403, "invalid_grant", "Invalid authorization code");
    public static readonly OAuthError ResourceRejected = new(400, "invalid_target", "The resource parameter is not supported");
    public static readonly OAuthError TokenEndpointDown = new(503, "temporarily_unavailable", "Service Unavailable");
}
