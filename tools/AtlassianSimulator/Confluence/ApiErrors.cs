using AtlassianSimulator.Access;

namespace AtlassianSimulator.Confluence;

/// <summary>Confluence's two error shapes: v2 {"errors":[...]} and v1 {"statusCode","message","data"}.</summary>
public static class ApiErrors
{
    public static IResult V2(int status, string code, string title) =>
        Results.Json(new V2ErrorBody([new V2Error(status, code, title, null)]), statusCode: status);

    public static IResult V1(int status, string message) =>
        Results.Json(new V1ErrorBody(status, message, new V1ErrorData(false, [], 0)), statusCode: status);

    public static IResult NotFound(ApiVersion version) =>
        version == ApiVersion.V2 ? V2(404, "NOT_FOUND", "Not Found") : V1(404, "No content found with the given id");

    public static IResult BadRequest(ApiVersion version, string message) =>
        version == ApiVersion.V2 ? V2(400, "INVALID_REQUEST_PARAMETER", message) : V1(400, message);

    public static IResult Conflict(ApiVersion version, string message) =>
        version == ApiVersion.V2 ? V2(409, "CONFLICT", message) : V1(409, message);

    /// <summary>The gateway's own 401 shape (not Confluence's), e.g. for a missing scope.</summary>
    public static IResult Unauthorized(string message) =>
        Results.Json(new GatewayError(401, message), statusCode: 401);
}

public sealed record V2ErrorBody(IReadOnlyList<V2Error> Errors);

public sealed record V2Error(int Status, string Code, string Title, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] string? Detail);

public sealed record V1ErrorBody(int StatusCode, string Message, V1ErrorData Data);

public sealed record V1ErrorData(bool Authorized, IReadOnlyList<string> Errors, int Successful);

public sealed record GatewayError(int Code, string Message);
