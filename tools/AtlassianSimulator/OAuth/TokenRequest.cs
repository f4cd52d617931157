namespace AtlassianSimulator.OAuth;

/// <summary>The token endpoint's parameters, read from a JSON body or a form (both are accepted by Atlassian).</summary>
public sealed record TokenRequest(
    string? GrantType, string? ClientId, string? ClientSecret, string? Code, string? RedirectUri,
    string? RefreshToken, string? Resource)
{
    public static async Task<TokenRequest> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            string? F(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            return new(F("grant_type"), F("client_id"), F("client_secret"), F("code"), F("redirect_uri"), F("refresh_token"), F("resource"));
        }
        using var json = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
        string? J(string name) => json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
            && json.RootElement.TryGetProperty(name, out var v)
            ? (v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : v.ToString())
            : null;
        return new(J("grant_type"), J("client_id"), J("client_secret"), J("code"), J("redirect_uri"), J("refresh_token"), J("resource"));
    }
}
