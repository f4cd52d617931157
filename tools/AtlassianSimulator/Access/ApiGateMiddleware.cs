using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AtlassianSimulator.Confluence;
using AtlassianSimulator.Faults;
using AtlassianSimulator.OAuth;
using AtlassianSimulator.State;

namespace AtlassianSimulator.Access;

/// <summary>
/// Runs in front of every Confluence operation: injected faults, authentication (3LO bearer via the API gateway,
/// Basic email:api_token on the site), scope check, quota, counters. Sets the <see cref="Caller"/>.
/// </summary>
public sealed class ApiGateMiddleware(RequestDelegate next, SimulatorStore store, OAuthService oauth, FaultState faults, RateLimiter limiter, ConcurrencyLimiter concurrency, Counters counters, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var operation = context.GetEndpoint()?.Metadata.GetMetadata<OperationMetadata>();
        if (operation is null)
        {
            await next(context);
            return;
        }
        counters.Increment(operation.CounterName);
        Caller? caller = null;
        var rejection = InjectFaults(context) ?? Authenticate(context, operation, out caller) ?? Throttle(context, caller!);
        if (rejection is not null)
        {
            await rejection.ExecuteAsync(context);
            return;
        }
        var maxConcurrent = limiter.Limits.MaxConcurrent;
        if (maxConcurrent > 0 && !concurrency.TryEnter(caller!.QuotaKey, maxConcurrent))
        {
            counters.Increment("ratelimit.concurrency.429");
            context.Response.Headers.RetryAfter = "1";
            await Results.Json(new GatewayError(429, "Rate limit exceeded"), statusCode: 429).ExecuteAsync(context);
            return;
        }
        try
        {
            // Latency is served while holding the concurrency slot, as a slow backend would.
            var latency = faults.Settings.LatencyMs;
            if (latency > 0)
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            caller!.Attach(context);
            await next(context);
            if (caller.ObjectsReturned > 0)
            {
                limiter.Charge(caller.QuotaKey, caller.ObjectsReturned);
            }
        }
        finally
        {
            if (maxConcurrent > 0)
            {
                concurrency.Exit(caller!.QuotaKey);
            }
        }
    }

    private IResult? InjectFaults(HttpContext context)
    {
        var settings = faults.Settings;
        if (faults.TakeStormRequest())
        {
            counters.Increment("fault.429");
            context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Json(new GatewayError(429, "Rate limit exceeded"), statusCode: 429);
        }
        if (faults.RollError())
        {
            counters.Increment("fault." + settings.ErrorStatus.ToString(CultureInfo.InvariantCulture));
            if (settings.ErrorStatus == 503)
            {
                context.Response.Headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }
            return Results.Json(new GatewayError(settings.ErrorStatus, "Injected failure"), statusCode: settings.ErrorStatus);
        }
        return null;
    }

    private IResult? Authenticate(HttpContext context, OperationMetadata operation, out Caller? caller)
    {
        caller = null;
        var header = context.Request.Headers.Authorization.ToString();
        // Auth schemes are case-insensitive (RFC 9110); normalise so "bearer" and "basic" work too.
        var auth = AuthenticationHeaderValue.TryParse(header, out var parsed) ? new AuthenticationHeaderValue(Normalise(parsed.Scheme), parsed.Parameter) : null;
        var routeValues = context.Request.RouteValues;
        lock (store.Gate)
        {
            if (routeValues.TryGetValue("cloudId", out var cloudId))
            {
                if (auth is not { Scheme: "Bearer", Parameter: { } token } || oauth.ResolveAccessToken(token) is not { } resolved)
                {
                    return ApiErrors.Unauthorized("Unauthorized");
                }
                if (!resolved.Grant.CloudIds.Contains((string)cloudId!) || !store.SitesByCloudId.TryGetValue((string)cloudId!, out var site)
                    || !store.Users.TryGetValue(resolved.Grant.AccountId, out var user) || !site.MemberAccountIds.Contains(user.AccountId))
                {
                    return ApiErrors.Unauthorized("Unauthorized");
                }
                if (!ScopeTable.IsSatisfied(operation.OperationId, resolved.Token.Scopes))
                {
                    counters.Increment("api.scope_mismatch");
                    return ApiErrors.Unauthorized("Unauthorized; scope does not match");
                }
                caller = new Caller(site, user, resolved.Grant.ClientId, site.Url + "/wiki");
                return null;
            }
            if (routeValues.TryGetValue("siteName", out var siteName) && store.SitesByName.TryGetValue((string)siteName!, out var basicSite)
                && auth is { Scheme: "Basic", Parameter: { } encoded } && DecodeBasic(encoded) is var (email, apiToken)
                && store.UsersByEmail.TryGetValue(email, out var basicUser) && basicUser.ApiToken == apiToken
                && basicSite.MemberAccountIds.Contains(basicUser.AccountId))
            {
                var request = context.Request;
                caller = new Caller(basicSite, basicUser, null, $"{request.Scheme}://{request.Host}/site/{basicSite.Name}/wiki");
                return null;
            }
            // A 3LO token sent to the site itself is not accepted there.
            return operation.Version == ApiVersion.V2 ? ApiErrors.V2(401, "UNAUTHORIZED", "Unauthorized") : ApiErrors.V1(401, "Unauthorized");
        }
    }

    private IResult? Throttle(HttpContext context, Caller caller)
    {
        var decision = limiter.Take(caller.QuotaKey, 1);
        var headers = context.Response.Headers;
        if (caller.ClientId is not null && decision.Limit > 0)
        {
            var reset = (long)Math.Ceiling((decision.ResetAt - DateTimeOffset.UnixEpoch).TotalSeconds);
            var secondsToReset = Math.Max(0, (int)(decision.ResetAt - clock.GetUtcNow()).TotalSeconds);
            headers["Beta-Ratelimit-Policy"] = $"\"tenant-app-quota\";q={decision.Limit};w=3600";
            headers["Beta-Ratelimit"] = $"\"tenant-app-quota\";r={decision.Remaining};t={secondsToReset}";
            headers["X-Beta-Ratelimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
            headers["X-Beta-Ratelimit-Nearlimit"] = (decision.Remaining < decision.Limit / 10) ? "true" : "false";
        }
        if (decision.Allowed)
        {
            return null;
        }
        counters.Increment("ratelimit.429");
        headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = decision.ResetAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
        headers["X-RateLimit-NearLimit"] = "true";
        return Results.Json(new GatewayError(429, "Rate limit exceeded"), statusCode: 429);
    }

    private static string Normalise(string scheme) =>
        scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer"
        : scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) ? "Basic" : scheme;

    private static (string Email, string Token)? DecodeBasic(string encoded)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
