using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>Parses ids and turns the grains' refusals into problem details: 400 invalid, 404 unknown, 409 conflicting.</summary>
internal static class AdminResults
{
    public static async Task<IResult> RunAsync(string tenantId, Func<TenantId, Task<IResult>> action)
    {
        if (!TenantId.TryParse(tenantId, out var tenant))
        {
            return Invalid("tenantId", $"'{tenantId}' is not a tenant id: use 2 to 63 lowercase letters, digits or inner hyphens.");
        }

        try
        {
            return await action(tenant);
        }
        catch (KeyNotFoundException exception)
        {
            return NotFound(exception.Message);
        }
        catch (ArgumentException exception)
        {
            return Results.Problem(title: exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException exception)
        {
            return Results.Problem(title: exception.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    public static Task<IResult> RunAsync(string tenantId, string userId, Func<TenantId, UserId, Task<IResult>> action) =>
        RunAsync(tenantId, tenant => UserId.TryParse(userId, out var user)
            ? action(tenant, user)
            : Task.FromResult(Invalid("userId", $"'{userId}' is not a user id.")));

    public static IResult NotFound(string message) => Results.Problem(title: message, statusCode: StatusCodes.Status404NotFound);

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
