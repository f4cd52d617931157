using Microsoft.Extensions.Logging;

namespace Platform.Grains.Governance;

/// <summary>
/// The user grains that hold a policy, so each change is pushed to them; stored in their own state
/// (<see cref="RegisteredUsersState"/>) so a registration never rewrites the governance document.
/// </summary>
internal sealed partial class RegisteredUsers(IPersistentState<RegisteredUsersState> state, ILogger logger, string tenant)
{
    public IReadOnlyCollection<string> All => state.State.Users;

    /// <summary>Registers the user's grain; stored before it gets a policy, or it would miss pushes after a reactivation.</summary>
    public async Task RegisterAsync(string user)
    {
        if (!state.State.Users.Add(user))
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Users.Remove(user);
            throw;
        }
    }

    /// <summary>In memory only: this interleaves with writes; a stale entry costs one extra push after a reactivation.</summary>
    public void Unregister(string user) => state.State.Users.Remove(user);

    /// <summary>
    /// A push can land on a fresh activation after the old one unregistered: that one holds a policy now and must get the
    /// next change too. Best effort: the change itself is stored and in force, and a later registration stores these too.
    /// </summary>
    public async Task RegisterConfirmedAsync(IReadOnlyList<string> confirmed)
    {
        var added = false;
        foreach (var user in confirmed)
        {
            added |= state.State.Users.Add(user);
        }

        if (added)
        {
            try
            {
                await state.WriteStateAsync();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogNotStored(logger, exception, tenant);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registered user grains of {Tenant} not stored; kept in memory until the next registration")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string tenant);
}
