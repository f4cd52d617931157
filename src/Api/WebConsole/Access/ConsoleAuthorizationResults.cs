using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Platform.Api.Pages;

namespace Platform.Api.WebConsole.Access;

/// <summary>
/// What a refused console request gets: nobody signed in goes to the sign-in page (and returns afterwards); a signed-in
/// caller without access gets a plain 403 page that says nothing about the tenant. Other endpoints keep the default.
/// </summary>
public sealed class ConsoleAuthorizationResults(ConsoleCallers callers) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded || !ConsoleApp.Serves(context.Request))
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (await callers.ResolveAsync(context) is null)
        {
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{ConsoleApp.SignInPath}?returnUrl={Uri.EscapeDataString(back)}");
            return;
        }

        await HtmlPage.Message("No access", "Your account may not open this page. Sign in with another account, or ask an admin.", StatusCodes.Status403Forbidden)
            .ExecuteAsync(context);
    }
}
