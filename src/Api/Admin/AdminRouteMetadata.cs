namespace Platform.Api.Admin;

/// <summary>The refusals every governance change can answer, declared once for the OpenAPI document.</summary>
internal static class AdminRouteMetadata
{
    public static RouteHandlerBuilder ProducesGovernanceProblems(this RouteHandlerBuilder route) =>
        route.ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
