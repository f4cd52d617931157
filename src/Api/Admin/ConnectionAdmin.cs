using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Grains.Identity;

namespace Platform.Api.Admin;

/// <summary>Users' Atlassian connections (and the tenant's shared one), each change recorded in the tenant's audit log. Never shows tokens.</summary>
public sealed class ConnectionAdmin(IGrainFactory grains, AdminAuditTrail audit)
{
    public Task<ConnectionView> GetAsync(TenantId tenant, UserId user) => grains.GetUserConnectionGrain(tenant, user).GetConnectionAsync();

    /// <summary>Each listed user's connection (one grain call each, in parallel: list a page of users, not a whole directory).</summary>
    public async Task<IReadOnlyDictionary<UserId, ConnectionView>> GetManyAsync(TenantId tenant, IReadOnlyList<UserId> users)
    {
        var views = await Task.WhenAll(users.Select(user => GetAsync(tenant, user)));
        return users.Zip(views).ToDictionary(pair => pair.First, pair => pair.Second);
    }

    /// <summary>How many of the tenant's users hold a live Atlassian connection.</summary>
    public Task<int> CountConnectedAsync(TenantId tenant) => grains.GetTenantGrain(tenant).CountConnectedUsersAsync();

    public async Task DisconnectAsync(AdminActor actor, TenantId tenant, UserId user)
    {
        var grain = grains.GetUserConnectionGrain(tenant, user);
        await audit.ApplyAsync(actor, tenant, "connection.disconnect", user.Value, async () =>
        {
            var before = await grain.GetConnectionAsync();
            await grain.DisconnectAsync();
            return new Change<ConnectionView>(before, await grain.GetConnectionAsync());
        });
    }

    /// <summary>The audit records that a link was made, not the link: it is a one-time credential until spent.</summary>
    public async Task<ConnectLinkResponse> CreateConnectLinkAsync(AdminActor actor, TenantId tenant, UserId user)
    {
        ConnectLink? link = null;
        await audit.ApplyAsync(actor, tenant, "connection.connect-link", user.Value, async () =>
        {
            link = await grains.GetUserConnectionGrain(tenant, user).CreateConnectLinkAsync();
            return new Change<object>(null, null);
        });
        return new ConnectLinkResponse(link!.Url);
    }
}
