using Microsoft.Extensions.Logging;

namespace Platform.Grains.Governance;

/// <summary>
/// The user grains that hold a policy, so each change is pushed to them; stored in their own state
/// (<see cref="RegisteredUsersState"/>) so a registration never rewrites the governance document.
/// </summary>
internal sealed partial class RegisteredUsers(IPersistentState<RegisteredUsersState> state, ILogger logger, string tenant)
{
    /// <summary>The retry set as last stored: a round of pushes writes only when it changed.</summary>
    private HashSet<string> storedUnconfirmed = [.. state.State.Unconfirmed];

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
            await WriteAsync();
        }
        catch
        {
            state.State.Users.Remove(user);
            throw;
        }
    }

    /// <summary>In memory only: this interleaves with writes; a stale entry costs one extra push after a reactivation.</summary>
    public void Unregister(string user) => state.State.Users.Remove(user);

    /// <summary>Users whose grain has not confirmed its newest policy (the publisher's retry set), stored with the registrations.</summary>
    public ISet<string> Unconfirmed => state.State.Unconfirmed;

    /// <summary>
    /// After pushes: registers the grains that confirmed (a push can land on a fresh activation after the old one
    /// unregistered: that one holds a policy now and must get the next change too), and stores the retry set where it
    /// changed, so a new activation of governance goes on retrying. Best effort: the change itself is stored and in
    /// force, and user grains re-read their policy when its lease runs out.
    /// </summary>
    public async Task RecordPushesAsync(IReadOnlyList<string> confirmed)
    {
        var added = false;
        foreach (var user in confirmed)
        {
            added |= state.State.Users.Add(user);
        }

        if (!added && storedUnconfirmed.SetEquals(state.State.Unconfirmed))
        {
            return;
        }

        try
        {
            await WriteAsync();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogNotStored(logger, exception, tenant);
        }
    }

    private async Task WriteAsync()
    {
        var writing = state.State.Unconfirmed.ToHashSet();
        await state.WriteStateAsync();
        storedUnconfirmed = writing;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registered user grains of {Tenant} and their retry set not stored; kept in memory until the next write")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string tenant);
}
