using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.Api.Admin;

/// <summary>Guards operator routes with the configured operator key, sent as a bearer token.</summary>
internal static class OperatorAuthentication
{
    public static WebApplicationBuilder AddOperatorAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.Section);
        return builder;
    }

    public static RouteGroupBuilder RequireOperator(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var configured = http.RequestServices.GetRequiredService<IOptionsMonitor<OperatorOptions>>().CurrentValue.OperatorKey;
            if (string.IsNullOrEmpty(configured))
            {
                return Results.Problem(
                    title: "The operator API is disabled.",
                    detail: "Set Admin:OperatorKey (environment: Admin__OperatorKey) to enable it.",
                    statusCode: StatusCodes.Status403Forbidden);
            }

            var header = http.Request.Headers.Authorization.ToString();
            const string scheme = "Bearer ";
            var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
            if (!KeysMatch(presented, configured))
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Problem(title: "A valid operator key is required.", statusCode: StatusCodes.Status401Unauthorized);
            }

            return await next(context);
        });

    // Hashing first makes the comparison constant-time whatever the lengths.
    private static bool KeysMatch(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
