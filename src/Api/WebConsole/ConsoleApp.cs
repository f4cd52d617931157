using Microsoft.AspNetCore.Antiforgery;
using Platform.Api.Admin;
using Platform.Api.SignIn;
using Platform.Api.WebConsole.Access;
using Platform.Grains.Identity;

namespace Platform.Api.WebConsole;

/// <summary>
/// The console at <c>/console</c>: Razor components rendered on the server (static SSR, no circuits, so any Api pod
/// serves any click), over the same application services as the admin API. Access is endpoint authorization with the
/// policies of <see cref="ConsoleAccess"/>; forms carry antiforgery tokens; pages may not be framed or cached.
/// </summary>
public static class ConsoleApp
{
    public const string Prefix = "/console";
    public const string SignInPath = "/console/signin";

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton<ConsoleSession>();
        builder.Services.AddSingleton<ConsoleCallers>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ConsoleAccess.Handler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ConsoleAuthorizationResults>();
        builder.Services.AddAuthorization(ConsoleAccess.AddPolicies);
        builder.Services.AddAuthentication().AddCookie(ConsoleSession.Scheme, cookie =>
        {
            cookie.Cookie = new SecureOutsideLoopbackCookie { Name = "__platform_console", HttpOnly = true, SameSite = SameSiteMode.Strict, Path = Prefix };
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // Refusals are ConsoleAuthorizationResults' to answer; the scheme never redirects on its own.
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(http => Serves(http.Request), console => console.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self' https: http:; base-uri 'self'";
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            http.Response.OnStarting(() =>
            {
                // Pages show tenants' data: never kept in a shared or back-button cache. Fingerprinted assets keep theirs.
                if (http.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true)
                {
                    http.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(http);
        }));
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapPost($"{Prefix}/signout", (Delegate)SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        app.MapGet($"{Prefix}/t/{{tenant}}/audit/export", ExportAuditAsync).RequireAuthorization(ConsoleAccess.TenantAdmin).ExcludeFromDescription();
        return app;
    }

    public static bool Serves(HttpRequest request) => request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal);

    /// <summary>Ends both the console session and the person's sign-in session.</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await ConsoleSession.SignOutAsync(http);
        await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(http, SignInSession.Scheme);
        return TypedResults.Redirect(Prefix);
    }

    /// <summary>The audit page's filters as JSON lines: the admin API's export, for a browser session.</summary>
    private static async Task<IResult> ExportAuditAsync(string tenant, [AsParameters] AuditFilter filter, AuditAdmin audit)
    {
        var id = TenantId.Parse(tenant);
        return AuditApi.ExportResult(id, await audit.ExportAsync(filter.ToQuery(id)));
    }
}
