using System.Text.Json.Serialization;

namespace Platform.Api.OAuth;

/// <summary>The fields of a Client ID Metadata Document (RFC 7591 client metadata) this server reads.</summary>
internal sealed record ClientMetadataDocument(
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_name")] string? ClientName,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string>? RedirectUris,
    [property: JsonPropertyName("grant_types")] IReadOnlyList<string>? GrantTypes,
    [property: JsonPropertyName("token_endpoint_auth_method")] string? TokenEndpointAuthMethod,
    [property: JsonPropertyName("client_secret")] string? ClientSecret);
