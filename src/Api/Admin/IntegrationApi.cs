using Microsoft.Extensions.Options;
using Platform.Grains;
using Platform.Grains.Connections;

namespace Platform.Api.Admin;

/// <summary>
/// A tenant's Confluence integration: <c>/admin/v1/tenants/{tenantId}/integration</c>. Secrets are write-only.
/// Registering or changing it re-runs tool discovery against the granted scopes.
/// </summary>
public static class IntegrationApi
{
    public static IEndpointRouteBuilder MapIntegrationApi(this IEndpointRouteBuilder routes)
    {
        var integration = routes.MapGroup("/admin/v1/tenants/{tenantId}/integration").RequireTenantAdmin().WithTags("Integration");
        integration.MapGet("/", GetAsync).ProducesIntegration();
        integration.MapPut("/", ConfigureAsync).ProducesIntegration();
        integration.MapPut("/client-secret", (string tenantId, SecretRequest request, IGrainFactory grains, IOptions<PublicEndpointOptions> endpoint, HttpContext http) =>
            SetSecretAsync(tenantId, http, "integration.client-secret", endpoint, id => grains.GetTenantGrain(id).SetClientSecretAsync(request.Value ?? ""))).ProducesIntegration();
        integration.MapPut("/service-account-token", (string tenantId, SecretRequest request, IGrainFactory grains, IOptions<PublicEndpointOptions> endpoint, HttpContext http) =>
            SetSecretAsync(tenantId, http, "integration.service-account-token", endpoint, id => grains.GetTenantGrain(id).SetServiceAccountTokenAsync(request.Value ?? ""))).ProducesIntegration();
        return routes;
    }

    private static RouteHandlerBuilder ProducesIntegration(this RouteHandlerBuilder route) =>
        route.Produces<IntegrationResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static Task<IResult> GetAsync(string tenantId, IGrainFactory grains, IOptions<PublicEndpointOptions> endpoint) =>
        AdminResults.RunAsync(tenantId, async id => await grains.GetTenantGrain(id).GetIntegrationAsync() is { } view
            ? Results.Ok(IntegrationResponse.From(view, endpoint.Value.CallbackUrl))
            : AdminResults.NotFound($"Tenant '{id}' has no integration yet."));

    /// <summary>The audit sees fingerprints before and after, never the secret.</summary>
    private static Task<IResult> SetSecretAsync(
        string tenantId, HttpContext http, string action, IOptions<PublicEndpointOptions> endpoint, Func<Grains.Identity.TenantId, Task<IntegrationView>> set) =>
        AdminResults.RunAsync(tenantId, async id =>
        {
            var before = await http.RequestServices.GetRequiredService<IGrainFactory>().GetTenantGrain(id).GetIntegrationAsync();
            var after = IntegrationResponse.From(await set(id), endpoint.Value.CallbackUrl);
            await http.RecordAsync(id.Value, action, id.Value, before is null ? null : IntegrationResponse.From(before, endpoint.Value.CallbackUrl), after);
            return Results.Ok(after);
        });

    private static Task<IResult> ConfigureAsync(string tenantId, IntegrationRequest request, IGrainFactory grains, IOptions<PublicEndpointOptions> endpoint, HttpContext http) =>
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

            var grain = grains.GetTenantGrain(id);
            var before = await grain.GetIntegrationAsync();
            var settings = new IntegrationSettings(request.ClientId ?? "", request.Scopes ?? [], request.CloudId ?? "", site, mode, request.ServiceAccountEmail);
            var after = IntegrationResponse.From(await grain.ConfigureIntegrationAsync(settings), endpoint.Value.CallbackUrl);
            await http.RecordAsync(id.Value, "integration.configure", id.Value, before is null ? null : IntegrationResponse.From(before, endpoint.Value.CallbackUrl), after);
            return Results.Ok(after);
        });
}

public sealed record IntegrationRequest(
    string? ClientId, IReadOnlyList<string>? Scopes, string? CloudId, string? SiteUrl, string? CredentialMode, string? ServiceAccountEmail);

public sealed record SecretRequest(string? Value);
