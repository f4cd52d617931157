using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Grains.Connections;

/// <summary>
/// The tool policy a user's grain holds: fetched from governance on first use, replaced by each newer push, and held
/// for a lease only: once it runs out, the next caller fetches it again (one fetch shared by every caller), so a push
/// that never arrived is noticed within the lease. Tells the Api processes whose sessions listen when what the user may
/// call changes. Runs inside the grain's turns.
/// </summary>
internal sealed class UserToolPolicy(
    TenantId tenant, UserId user, Func<Task<EffectiveToolPolicy>> fetch, TimeSpan lease, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(5);

    private EffectiveToolPolicy? current;

    /// <summary><see cref="current"/> as a completed task, so the hot path answers without allocating.</summary>
    private Task<EffectiveToolPolicy>? held;
    private long leasedAt;
    private Task<EffectiveToolPolicy>? fetching;
    private ObserverManager<IToolListObserver>? observers;

    /// <summary>True once this activation holds a policy, so governance counts it among the users it pushes to.</summary>
    public bool IsRegistered => held is not null;

    /// <summary>The held policy while its lease runs (a timestamp comparison); after that, the one fetch in flight.</summary>
    public Task<EffectiveToolPolicy> GetAsync() =>
        held is { } policy && time.GetElapsedTime(leasedAt) < lease ? policy : FetchOnceAsync();

    /// <summary>Holds a push unless it is older than the policy held; a push renews the lease.</summary>
    public void Apply(EffectiveToolPolicy pushed)
    {
        if (current is not null && pushed.Version < current.Version)
        {
            return;
        }

        Hold(pushed);
        leasedAt = time.GetTimestamp();
    }

    public void Subscribe(IToolListObserver observer)
    {
        observers ??= new ObserverManager<IToolListObserver>(SubscriptionLifetime, logger);
        observers.Subscribe(observer, observer);
    }

    public void Unsubscribe(IToolListObserver observer) => observers?.Unsubscribe(observer);

    private Task<EffectiveToolPolicy> FetchOnceAsync()
    {
        if (fetching is null || fetching.IsCompleted)
        {
            fetching = FetchAsync();
        }

        return fetching;
    }

    private async Task<EffectiveToolPolicy> FetchAsync()
    {
        // The lease counts from the question, not the answer: governance's word is at least this fresh.
        var asked = time.GetTimestamp();
        var heldWhenAsked = current;
        var fetched = await fetch();
        // Governance's answer is the truth, even about a policy held with a higher version (state restored from a
        // backup, say); only a push that landed while the question was out is newer.
        var pushedMeanwhile = !ReferenceEquals(current, heldWhenAsked) && current!.Version > fetched.Version;
        if (!pushedMeanwhile)
        {
            Hold(fetched);
        }

        leasedAt = Math.Max(leasedAt, asked);
        return current!;
    }

    private void Hold(EffectiveToolPolicy policy)
    {
        var before = current;
        current = policy;
        held = Task.FromResult(policy);
        if ((before is null || !before.SameGrantsAs(policy)) && observers is { Count: > 0 } listening)
        {
            listening.Notify(observer => observer.ToolListChanged(tenant, user));
        }
    }
}
