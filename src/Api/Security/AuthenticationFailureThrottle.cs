using Microsoft.Extensions.Options;
using Platform.Grains.Connections;

namespace Platform.Api.Security;

/// <summary>
/// Guards the routes that check credentials (the MCP endpoints, the admin API, the connect callback): a client address
/// that sent too many refused credentials gets 429 with Retry-After and a problem body before anything is looked up;
/// otherwise the request runs, and a refusal (401 for presented credentials, 400 from the callback) counts against it.
/// The answer is the same whether the tenant named exists or not.
/// </summary>
public static class AuthenticationFailureThrottle
{
    public static WebApplicationBuilder AddAuthenticationFailureThrottle(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthenticationFailureOptions>().BindConfiguration(AuthenticationFailureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ClientAddressOptions>().BindConfiguration(ClientAddressOptions.Section)
            .Validate(client => client.FirstInvalid() is null, "ClientAddress:TrustedProxies holds IP addresses or networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AuthenticationFailureLimiter>();
        builder.Services.AddSingleton<KnownTenants>();
        return builder;
    }

    /// <summary>Trusts the configured proxies' X-Forwarded-For; put first, so every later step sees the real client.</summary>
    public static WebApplication UseClientAddress(this WebApplication app)
    {
        var client = app.Services.GetRequiredService<IOptions<ClientAddressOptions>>().Value;
        if (client.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders(client.ToForwardedHeaders());
        }

        return app;
    }

    public static WebApplication UseAuthenticationFailureThrottle(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var guarded = GuardOf(http.Request.Path);
            if (guarded is Guarded.No)
            {
                await next(http);
                return;
            }

            var limiter = http.RequestServices.GetRequiredService<AuthenticationFailureLimiter>();
            var address = http.Connection.RemoteIpAddress;
            if (limiter.IsBlocked(address, out var retryAfter))
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many refused credentials",
                    detail: $"This address sent too many keys, tokens or links that were refused. Try again in {seconds} s.").ExecuteAsync(http);
                return;
            }

            // Counted as the answer starts, before the client can see it and send the next guess.
            http.Response.OnStarting(() =>
            {
                if (Refused(guarded, http))
                {
                    limiter.RecordFailure(address);
                }

                return Task.CompletedTask;
            });
            await next(http);
        });
        return app;
    }

    private enum Guarded
    {
        No,
        Bearer,
        Callback,
    }

    private static Guarded GuardOf(PathString path) =>
        path.StartsWithSegments("/admin/v1") || IsMcpEndpoint(path) ? Guarded.Bearer
        : path.Equals(PublicEndpointOptions.CallbackPath, StringComparison.Ordinal) ? Guarded.Callback
        : Guarded.No;

    private static bool IsMcpEndpoint(PathString path) =>
        path.Value?.Split('/') is ["", "t", { Length: > 0 }, "mcp"];

    /// <summary>A credential was presented and refused. A request without one (a client discovering OAuth) is not a failure.</summary>
    private static bool Refused(Guarded guarded, HttpContext http) => guarded switch
    {
        Guarded.Bearer => http.Response.StatusCode == StatusCodes.Status401Unauthorized && http.Request.Headers.Authorization.Count > 0,
        _ => http.Response.StatusCode == StatusCodes.Status400BadRequest,
    };
}
