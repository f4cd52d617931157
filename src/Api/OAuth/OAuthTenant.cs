using Platform.Grains.Identity;

namespace Platform.Api.OAuth;

/// <summary>
/// The tenant whose authorization server a request speaks to, resolved from the URL before OpenIddict runs. The grain
/// stores read it, so nothing they find or write can belong to another tenant.
/// </summary>
public sealed record OAuthTenant(TenantId Id)
{
    public static void Set(HttpContext http, TenantId tenant) => http.Features.Set(new OAuthTenant(tenant));

    public static TenantId Of(HttpContext? http) =>
        http?.Features.Get<OAuthTenant>()?.Id ?? throw new InvalidOperationException("The request names no tenant's authorization server.");
}
