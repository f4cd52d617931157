using Microsoft.AspNetCore.Authorization;
using Platform.Grains.Identity;

namespace Platform.Api.WebConsole.Access;

/// <summary>
/// The console's authorization policies, enforced by endpoint authorization before a page renders or a form is handled.
/// The tenant is the page's <c>{tenant}</c> route value; a caller never reaches another tenant's pages.
/// </summary>
public static class ConsoleAccess
{
    public const string Operator = "console-operator";
    public const string TenantAdmin = "console-tenant-admin";
    public const string Member = "console-member";

    public static void AddPolicies(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Operator, policy => policy.AddRequirements(new Requirement(ConsoleRole.Operator)));
        options.AddPolicy(TenantAdmin, policy => policy.AddRequirements(new Requirement(ConsoleRole.TenantAdmin)));
        options.AddPolicy(Member, policy => policy.AddRequirements(new Requirement(ConsoleRole.Member)));
    }

    public sealed record Requirement(ConsoleRole Needs) : IAuthorizationRequirement;

    public sealed class Handler(ConsoleCallers callers) : AuthorizationHandler<Requirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(requirement);
            if (context.Resource is not HttpContext http || await callers.ResolveAsync(http) is not { } caller)
            {
                return;
            }

            var routed = TenantId.TryParse(http.GetRouteValue("tenant") as string, out var tenant);
            var allowed = requirement.Needs switch
            {
                ConsoleRole.Operator => caller.IsOperator,
                ConsoleRole.TenantAdmin => routed && caller.Administers(tenant),
                _ => routed && caller.BelongsTo(tenant),
            };
            if (allowed)
            {
                context.Succeed(requirement);
            }
        }
    }
}
