using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.Grains.OAuth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Api.OAuth;

/// <summary>
/// Clients whose id is an https URL: the Client ID Metadata Document found there, fetched by
/// <see cref="Platform.Outbound.PrivateAddressGuard"/>'s rules (https only, public addresses unless allow-listed, no redirects, a size
/// cap and a timeout) and cached. A document must name its own URL as <c>client_id</c>, list its redirect URIs and be
/// a public client (no secrets). A failure is cached briefly too, so a bad URL cannot make the gateway fetch in a loop.
/// </summary>
public sealed class ClientMetadataDocuments(IHttpClientFactory httpClients, IMemoryCache cache, IOptions<OAuthOptions> options, TimeProvider time)
{
    public const string HttpClientName = "client-metadata";
    private static readonly TimeSpan FailureCacheDuration = TimeSpan.FromSeconds(30);

    /// <summary>Whether <paramref name="clientId"/> is meant as a metadata document URL (then it is never looked up anywhere else).</summary>
    public static bool IsDocumentUrl(string? clientId) =>
        clientId is not null && (clientId.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || clientId.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    public async Task<ClientMetadataResult> GetAsync(string clientId, CancellationToken cancellationToken)
    {
        var key = (nameof(ClientMetadataDocuments), clientId);
        if (cache.TryGetValue(key, out ClientMetadataResult? cached) && cached is not null)
        {
            return cached;
        }

        var (result, maxAge) = await FetchAsync(clientId, cancellationToken);
        var lifetime = result.Client is null ? FailureCacheDuration : Min(options.Value.ClientMetadata.CacheDuration, maxAge);
        if (lifetime > TimeSpan.Zero)
        {
            using var entry = cache.CreateEntry(key);
            entry.Value = result;
            entry.Size = 1;
            entry.AbsoluteExpiration = time.GetUtcNow() + lifetime;
        }

        return result;
    }

    private async Task<(ClientMetadataResult Result, TimeSpan? MaxAge)> FetchAsync(string clientId, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(clientId, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.AbsolutePath.Length <= 1
            || url.Fragment.Length > 0 || url.UserInfo.Length > 0 || url.OriginalString != url.AbsoluteUri
            || url.Segments.Any(segment => segment is "./" or "../" or "." or ".."))
        {
            return (ClientMetadataResult.Failed("A client id URL must be an https URL with a path and no fragment, credentials or dot segments."), null);
        }

        var settings = options.Value.ClientMetadata;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.FetchTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                return (ClientMetadataResult.Failed("The client metadata document URL redirects; redirects are not followed."), null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (ClientMetadataResult.Failed($"The client metadata document could not be fetched (HTTP {(int)response.StatusCode})."), null);
            }

            if (response.Content.Headers.ContentLength > settings.MaxDocumentBytes)
            {
                return (ClientMetadataResult.Failed($"The client metadata document is larger than {settings.MaxDocumentBytes} bytes."), null);
            }

            var body = await ReadCappedAsync(response, settings.MaxDocumentBytes, timeout.Token);
            return body is null
                ? (ClientMetadataResult.Failed($"The client metadata document is larger than {settings.MaxDocumentBytes} bytes."), null)
                : (Validate(clientId, body), response.Headers.CacheControl?.MaxAge);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (ClientMetadataResult.Failed(exception is OperationCanceledException
                ? "The client metadata document did not arrive in time."
                : $"The client metadata document could not be fetched: {exception.Message}"), null);
        }
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes + 1];
        var read = 0;
        int count;
        while (read < buffer.Length && (count = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += count;
        }

        return read > maxBytes ? null : buffer[..read];
    }

    private ClientMetadataResult Validate(string clientId, byte[] body)
    {
        ClientMetadataDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ClientMetadataDocument>(body);
        }
        catch (JsonException)
        {
            return ClientMetadataResult.Failed("The client metadata document is not valid JSON.");
        }

        if (document?.ClientId != clientId)
        {
            return ClientMetadataResult.Failed("The client metadata document's client_id is not the URL it was fetched from.");
        }

        if (document.ClientSecret is not null || document.TokenEndpointAuthMethod is not (null or ClientAuthenticationMethods.None))
        {
            return ClientMetadataResult.Failed("A client known by a metadata document is a public client: token_endpoint_auth_method must be 'none' and no secret given.");
        }

        var redirects = document.RedirectUris ?? [];
        if (redirects.Count == 0 || redirects.Any(uri => !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Fragment.Length > 0))
        {
            return ClientMetadataResult.Failed("The client metadata document must list absolute redirect_uris without fragments.");
        }

        if (document.GrantTypes is { } grants && !grants.Contains(GrantTypes.AuthorizationCode))
        {
            return ClientMetadataResult.Failed("The client metadata document does not ask for the authorization_code grant.");
        }

        return new ClientMetadataResult(OAuthClients.Public(clientId, Trimmed(document.ClientName) ?? new Uri(clientId).Host, redirects, ClientRegistration.MetadataDocument, time.GetUtcNow()), null);
    }

    private static string? Trimmed(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(name.Trim().Length, 100)];

    private static TimeSpan Min(TimeSpan configured, TimeSpan? maxAge) => maxAge is { } age && age < configured ? age : configured;
}
