using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Platform.Api.SignIn;
using Platform.Grains;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Api.WebConsole.Access;

/// <summary>
/// Finds the console caller of a request, once per request: a console key session (<see cref="ConsoleSession"/>) first,
/// else a person's sign-in session (<see cref="SignInSession"/>, one tenant), whose role is read from the tenant's
/// directory now, so disabling or demoting someone takes effect on their next click.
/// </summary>
public sealed class ConsoleCallers(ConsoleSession sessions, IGrainFactory grains)
{
    private static readonly object ItemKey = new();

    public async Task<ConsoleCaller?> ResolveAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Items.TryGetValue(ItemKey, out var known))
        {
            return known as ConsoleCaller;
        }

        var caller = await FromConsoleSessionAsync(http) ?? await FromPersonSessionAsync(http);
        http.Items[ItemKey] = caller;
        return caller;
    }

    /// <summary>The caller the authorization of this request found (only pages that require a caller may ask).</summary>
    public static ConsoleCaller Current(HttpContext http) =>
        http.Items.TryGetValue(ItemKey, out var known) && known is ConsoleCaller caller
            ? caller
            : throw new InvalidOperationException("A console page that needs a caller ran without its authorization policy.");

    private async Task<ConsoleCaller?> FromConsoleSessionAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(ConsoleSession.Scheme);
        return result.Succeeded && result.Principal is { } principal ? await sessions.CallerAsync(principal) : null;
    }

    private async Task<ConsoleCaller?> FromPersonSessionAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(SignInSession.Scheme);
        if (!result.Succeeded || result.Principal is not { } principal
            || !TenantId.TryParse(principal.FindFirstValue(SignInSession.TenantClaim), out var tenant)
            || !UserId.TryParse(principal.FindFirstValue(SignInSession.UserClaim), out var user)
            || await grains.GetTenantGovernanceGrain(tenant).GetUserAsync(user) is not { Enabled: true } person)
        {
            return null;
        }

        return new ConsoleCaller(
            person.Role == DirectoryRole.Admin ? ConsoleRole.TenantAdmin : ConsoleRole.Member, tenant, user,
            principal.FindFirstValue(ClaimTypes.Name) ?? user.Value, $"console:{principal.FindFirstValue(SignInSession.MethodClaim) ?? "sign-in"}");
    }
}
