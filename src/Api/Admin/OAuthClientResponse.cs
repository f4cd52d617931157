using Platform.Grains.OAuth;

namespace Platform.Api.Admin;

/// <summary>A registered OAuth client (pre-registered or dynamically registered) of a tenant.</summary>
public sealed record OAuthClientResponse(string ClientId, string? Name, string Registration, IReadOnlyList<string> RedirectUris, DateTimeOffset CreatedAt)
{
    public static OAuthClientResponse From(OAuthClientEntry client) =>
        new(client.ClientId, client.DisplayName, client.Registration.ToString(), client.RedirectUris, client.CreatedAt);
}
