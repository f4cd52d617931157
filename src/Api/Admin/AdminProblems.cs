using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Grains.Refusals;

namespace Platform.Api.Admin;

/// <summary>
/// Every <c>/admin/v1</c> error as RFC 9457 problem details, in one place: refusals from grains and services (400 by
/// field, 404, 409), requests the framework could not read (<see cref="RequestBindingProblems"/>), responses that would
/// otherwise go out empty (unknown route, wrong method or media type), and faults (500). A client's mistake is one
/// Information line without a stack trace; a fault of the gateway is one Error line with the exception.
/// </summary>
internal sealed partial class AdminProblems(ILogger<AdminProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!AdminApi.Serves(httpContext.Request))
        {
            return false;
        }

        var problem = exception switch
        {
            InvalidRequestException invalid => Invalid(invalid.Errors, invalid.Message),
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message),
            ConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict", conflict.Message),
            BadHttpRequestException bad => RequestBindingProblems.Describe(httpContext, bad),
            _ => null,
        };
        var route = RouteOf(httpContext);
        if (problem is null)
        {
            LogFault(logger, exception, httpContext.Request.Method, route);
            problem = Problem(StatusCodes.Status500InternalServerError, "Gateway fault", "The gateway could not complete the request; it may be retried.");
        }
        else
        {
            LogRefused(logger, httpContext.Request.Method, route, problem.ProblemDetails.Status ?? 0, problem.ProblemDetails.Detail);
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    public static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>A 400 whose <c>errors</c> name each field (in the JSON's camelCase) with what is wrong with it.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyDictionary<string, string[]> errors, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = detail,
        });

    public static ProblemHttpResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"An admin request body is at most {AdminApi.MaxRequestBodyBytes} bytes.");

    /// <summary>Gives a body to an admin response the framework would send empty (unknown route, wrong method, body too large, unsupported media type).</summary>
    public static async Task WriteEmptyStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var problem = status switch
        {
            StatusCodes.Status404NotFound => Problem(status, "Not found", $"No admin route matches {Echo.Quote(http.Request.Path.Value)}."),
            StatusCodes.Status405MethodNotAllowed => Problem(status, "Method not allowed", $"The route {Echo.Quote(http.Request.Path.Value)} does not take {Echo.Quote(http.Request.Method)}."),
            StatusCodes.Status413PayloadTooLarge => TooLarge(),
            StatusCodes.Status415UnsupportedMediaType => Problem(status, "Unsupported media type", "Send the request body as JSON, with the header Content-Type: application/json."),
            _ => Problem(status, ReasonPhrases.GetReasonPhrase(status), ReasonPhrases.GetReasonPhrase(status) + "."),
        };
        await problem.ExecuteAsync(http);
    }

    /// <summary>The endpoint that failed: the exception handler has already cleared it from the request itself.</summary>
    public static Endpoint? FailedEndpoint(HttpContext http) => http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();

    /// <summary>The route template, never the path: no caller input reaches the log this way.</summary>
    private static string RouteOf(HttpContext http) => (FailedEndpoint(http) as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin request {Method} {Route} refused with {Status}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string method, string route, int status, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin request {Method} {Route} failed")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string route);
}
