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

    /// <summary>Only the operator key passes; declares the refusals it answers (401, 403 while the operator API is disabled).</summary>
    public static RouteGroupBuilder RequireOperator(this RouteGroupBuilder group) =>
        group.ProducesAdminProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (OperatorApiDisabled(http))
            {
                return DisabledProblem();
            }

            var presented = PresentedBearer(http);
            if (!IsOperator(http, presented))
            {
                if (presented.Length > 0)
                {
                    await http.RequestServices.GetRequiredService<RefusedAdminAuthentications>().RecordAsync(http, tenant: null);
                }

                return Unauthorized(http, "A valid operator key is required.");
            }

            AdminActor.Set(http, AdminActor.Operator);
            return await next(context);
        });

    /// <summary>The bearer token of the request, or empty.</summary>
    public static string PresentedBearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
    }

    public static bool OperatorApiDisabled(HttpContext http) => string.IsNullOrEmpty(ConfiguredKey(http));

    public static bool IsOperator(HttpContext http, string presented) =>
        ConfiguredKey(http) is { Length: > 0 } configured && KeysMatch(presented, configured);

    public static IResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return AdminProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    public static IResult DisabledProblem() => AdminProblems.Problem(
        StatusCodes.Status403Forbidden,
        "The operator API is disabled",
        "Set Admin:OperatorKey (environment: Admin__OperatorKey) to enable it.");

    private static string? ConfiguredKey(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptionsMonitor<OperatorOptions>>().CurrentValue.OperatorKey;

    // Hashing first makes the comparison constant-time whatever the lengths.
    private static bool KeysMatch(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
