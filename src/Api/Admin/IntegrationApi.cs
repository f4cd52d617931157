using Microsoft.Extensions.Options;
using Platform.Grains;
using Platform.Grains.Connections;

namespace Platform.Api.Admin;

/// <summary>A tenant's Confluence integration: <c>/admin/v1/tenants/{tenantId}/integration</c>. Secrets are write-only.</summary>
public static class IntegrationApi
{
    public static IEndpointRouteBuilder MapIntegrationApi(this IEndpointRouteBuilder routes)
    {
        var integration = routes.MapGroup("/admin/v1/tenants/{tenantId}/integration").RequireOperator();
        integration.MapGet("/", GetAsync);
        integration.MapPut("/", ConfigureAsync);
        integration.MapPut("/client-secret", (string tenantId, SecretRequest request, IGrainFactory grains, IOptions<PublicEndpointOptions> endpoint) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(IntegrationResponse.From(
                await grains.GetTenantGrain(id).SetClientSecretAsync(request.Value ?? ""), endpoint.Value.CallbackUrl))));
        integration.MapPut("/service-account-token", (string tenantId, SecretRequest request, IGrainFactory grains, IOptions<PublicEndpointOptions> endpoint) =>
            AdminResults.RunAsync(tenantId, async id => Results.Ok(IntegrationResponse.From(
                await grains.GetTenantGrain(id).SetServiceAccountTokenAsync(request.Value ?? ""), endpoint.Value.CallbackUrl))));
        return routes;
    }

    private static Task<IResult> GetAsync(string tenantId, IGrainFactory grains, IOptions<PublicEndpointOptions> endpoint) =>
        AdminResults.RunAsync(tenantId, async id => await grains.GetTenantGrain(id).GetIntegrationAsync() is { } view
            ? Results.Ok(IntegrationResponse.From(view, endpoint.Value.CallbackUrl))
            : AdminResults.NotFound($"Tenant '{id}' has no integration yet."));

    private static Task<IResult> ConfigureAsync(string tenantId, IntegrationRequest request, IGrainFactory grains, IOptions<PublicEndpointOptions> endpoint) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            if (!Uri.TryCreate(request.SiteUrl, UriKind.Absolute, out var site))
            {
                return AdminResults.Invalid("siteUrl", "The site URL must be absolute, for example https://your-domain.atlassian.net.");
            }

            if (!Enum.TryParse<CredentialMode>(request.CredentialMode ?? nameof(CredentialMode.PerUserOAuth), ignoreCase: true, out var mode))
            {
                return AdminResults.Invalid("credentialMode", "Use PerUserOAuth, SharedApiToken or SharedOAuth.");
            }

            var settings = new IntegrationSettings(request.ClientId ?? "", request.Scopes ?? [], request.CloudId ?? "", site, mode, request.ServiceAccountEmail);
            return Results.Ok(IntegrationResponse.From(await grains.GetTenantGrain(id).ConfigureIntegrationAsync(settings), endpoint.Value.CallbackUrl));
        });
}

public sealed record IntegrationRequest(
    string? ClientId, IReadOnlyList<string>? Scopes, string? CloudId, string? SiteUrl, string? CredentialMode, string? ServiceAccountEmail);

public sealed record SecretRequest(string? Value);
