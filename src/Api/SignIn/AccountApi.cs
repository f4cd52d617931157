namespace Platform.Api.SignIn;

/// <summary>
/// <c>/t/{tenant}/account</c>, where consent pages and sign-ins send people: their page in the console
/// (<c>/console/t/{tenant}/account</c>), which signs them in first when needed.
/// </summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/t/{tenant}/account", (string tenant) => Grains.Identity.TenantId.TryParse(tenant, out var id)
            ? Results.Redirect($"/console/t/{id}/account")
            : Results.NotFound()).ExcludeFromDescription();
        return routes;
    }
}
