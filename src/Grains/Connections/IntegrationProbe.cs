using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Platform.Atlassian;
using Platform.Confluence.Tools;
using Platform.Grains.Confluence;
using Platform.Grains.Identity;
using Platform.Grains.Security;

namespace Platform.Grains.Connections;

/// <summary>
/// Proves a tenant's integration credentials with one real request, changing nothing. OAuth modes: a token request
/// with the client id, the secret and a code nobody was given; Atlassian checks the client first, so "invalid_grant"
/// means the id and secret are right and "access_denied"/"invalid_client" that they are not. The shared API token: a
/// call to the site's current-user resource as the service account.
/// </summary>
internal sealed class IntegrationProbe(AtlassianOAuthClient oauth, ConfluenceClient confluence, SecretSealer sealer, Uri callbackUrl)
{
    public async Task<IntegrationCheck> RunAsync(TenantId tenant, OAuthAppRegistration app, CancellationToken cancellationToken)
    {
        try
        {
            return app.Settings.Mode == CredentialMode.SharedApiToken
                ? await ProbeServiceAccountAsync(tenant, app, cancellationToken)
                : await ProbeClientAsync(tenant, app, cancellationToken);
        }
        catch (AtlassianUnavailableException exception)
        {
            return new(false, $"Atlassian could not be reached, so nothing was proved: {exception.Message}");
        }
        catch (HttpRequestException)
        {
            return new(false, "The Confluence site could not be reached, so nothing was proved; check the site URL.");
        }
    }

    private async Task<IntegrationCheck> ProbeClientAsync(TenantId tenant, OAuthAppRegistration app, CancellationToken cancellationToken)
    {
        if (app.SealedClientSecret is null)
        {
            return new(false, "Enter the client secret first: a token request needs it.");
        }

        var secret = sealer.Unseal(app.SealedClientSecret, SecretContexts.ForTenant(tenant, "client_secret"));
        var unusedCode = $"probe-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
        try
        {
            await oauth.ExchangeCodeAsync(new OAuthClientCredentials(app.Settings.ClientId, secret, callbackUrl), unusedCode, cancellationToken);
        }
        catch (AtlassianGrantRejectedException)
        {
            return new(true, $"Atlassian accepted client id '{app.Settings.ClientId}' and its secret in a token request.");
        }
        catch (AtlassianClientRejectedException)
        {
            return new(false, "Atlassian refused the client id or the secret in a token request. Copy both again from the app's Settings page in Atlassian's developer console.");
        }

        return new(true, $"Atlassian accepted client id '{app.Settings.ClientId}' and its secret in a token request.");
    }

    private async Task<IntegrationCheck> ProbeServiceAccountAsync(TenantId tenant, OAuthAppRegistration app, CancellationToken cancellationToken)
    {
        if (app.SealedApiToken is null)
        {
            return new(false, "Enter the service account's API token first.");
        }

        var token = sealer.Unseal(app.SealedApiToken, SecretContexts.ForTenant(tenant, "api_token"));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.Settings.ServiceAccountEmail}:{token}"));
        var site = app.Settings.SiteUrl.AbsoluteUri.EndsWith('/') ? app.Settings.SiteUrl : new Uri(app.Settings.SiteUrl.AbsoluteUri + "/");
        var credentials = new ConfluenceCredentials(site, new AuthenticationHeaderValue("Basic", basic), app.Settings.CloudId, CredentialKind.ServiceAccount);
        var answer = await confluence.SendAsync(credentials, new ConfluenceRequest("GET", "wiki/rest/api/user/current"), cancellationToken);
        return answer.StatusCode switch
        {
            >= 200 and < 300 => new(true, $"{app.Settings.SiteUrl.Host} accepted {app.Settings.ServiceAccountEmail} and the API token."),
            401 or 403 => new(false, $"{app.Settings.SiteUrl.Host} refused {app.Settings.ServiceAccountEmail} with this API token ({answer.StatusCode})."),
            _ => new(false, $"{app.Settings.SiteUrl.Host} answered {answer.StatusCode}; check the site URL."),
        };
    }
}
