using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Grains.Identity;
using Platform.Grains.Tenants;
using static Platform.Api.Pages.HtmlPage;

namespace Platform.Api.Connections;

/// <summary>
/// <c>GET /connect?state=…</c>, the page a connect link opens: before anyone consents at Atlassian it says which gateway
/// user, in which organisation, the account is about to be connected to, and that only that person should continue.
/// <c>GET /connect/continue?state=…</c> sends them on to Atlassian's consent. Neither spends the link.
/// </summary>
public static class ConnectLinkApi
{
    public static IEndpointRouteBuilder MapConnectLinkApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(PublicEndpointOptions.ConnectPath, ShowAsync).ExcludeFromDescription();
        routes.MapGet($"{PublicEndpointOptions.ConnectPath}/continue", ContinueAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> ShowAsync(string? state, IGrainFactory grains)
    {
        if (await PendingAsync(grains, state) is not { } link)
        {
            return NotUsable();
        }

        var who = link.User.IsSharedConnection ? "the organisation's shared connection, used for every one of its people" : link.User.Value;
        var warning = link.User.IsSharedConnection
            ? "<p>Whoever continues lets everyone in this organisation work in Confluence as them. Continue only if you are the admin who set this up.</p>"
            : $"<p>Whoever continues lets the AI clients of <strong>{E(link.User.Value)}</strong> work in Confluence as themselves. "
                + $"Continue only if you are {E(link.User.Value)}; if someone sent you this link, close this page. The Atlassian account must be "
                + "the one your organisation's directory holds for this user, or nothing is connected.</p>";
        return Render("Connect your Atlassian account", $"""
            <p>This link connects an Atlassian account to this gateway:</p>
            <dl>
            <dt>Gateway user</dt><dd>{E(who)}</dd>
            <dt>Organisation</dt><dd>{E(link.Tenant.DisplayName)} ({E(link.Tenant.Id.Value)})</dd>
            <dt>Link valid until</dt><dd>{E(link.Details.ExpiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))}</dd>
            </dl>
            {warning}
            <form method="get" action="connect/continue">
            <input type="hidden" name="state" value="{E(state)}">
            <button type="submit" class="primary">Continue to Atlassian</button>
            </form>
            """);
    }

    private static async Task<IResult> ContinueAsync(string? state, IGrainFactory grains, HttpContext http)
    {
        if (await PendingAsync(grains, state) is not { } link)
        {
            return NotUsable();
        }

        // Not Results.Redirect: it logs its destination, and this one carries the link's one-time state.
        http.Response.Headers.Location = link.Details.AuthorizeUrl.AbsoluteUri;
        return TypedResults.StatusCode(StatusCodes.Status302Found);
    }

    /// <summary>The link's tenant, user and consent URL, or null when it names no live tenant or is not pending.</summary>
    private static async Task<PendingLink?> PendingAsync(IGrainFactory grains, string? state)
    {
        if (!ConnectState.TryParse(state, out var tenant, out var user, out var nonce)
            || await grains.GetTenantGrain(tenant).GetAsync() is not { Status: not TenantStatus.Deleted } details
            || await grains.GetUserConnectionGrain(tenant, user).DescribeConnectLinkAsync(nonce) is not { } pending)
        {
            return null;
        }

        return new PendingLink(details, user, pending);
    }

    private static IResult NotUsable() =>
        Message("Not a usable connect link", "This connect link is not valid: it was already used, it expired, or it was never issued. Ask your AI client or an admin for a new one.",
            StatusCodes.Status404NotFound);

    private sealed record PendingLink(TenantDetails Tenant, UserId User, ConnectLinkDetails Details);
}
