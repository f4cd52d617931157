namespace Platform.Api.Admin;

/// <summary>The problem responses admin routes answer, declared for the OpenAPI document where they arise.</summary>
internal static class AdminRouteMetadata
{
    /// <summary>
    /// Every admin route: 400 (a malformed id, body or query, by field) plus the refusals its guard answers. Declared on
    /// the group, since every route in it can answer them.
    /// </summary>
    public static RouteGroupBuilder ProducesAdminProblems(this RouteGroupBuilder group, params int[] statuses)
    {
        group.ProducesValidationProblem();
        foreach (var status in statuses)
        {
            group.ProducesProblem(status);
        }

        return group;
    }

    /// <summary>A change that names a resource that may not exist, or that the current state may forbid.</summary>
    public static RouteHandlerBuilder ProducesChangeProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
