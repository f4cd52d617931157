using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Grains.Connections;

/// <summary>
/// The tool policy a user's grain holds: fetched from governance on first use, replaced by each newer push, and told to
/// the Api processes whose sessions listen, when what the user may call changes.
/// </summary>
internal sealed class UserToolPolicy(TenantId tenant, UserId user, IGrainFactory grains, ILogger logger)
{
    private static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(5);
    private EffectiveToolPolicy? current;
    private ObserverManager<IToolListObserver>? observers;

    /// <summary>True once this activation holds a policy, so governance counts it among the users it pushes to.</summary>
    public bool IsRegistered => current is not null;

    public async Task<EffectiveToolPolicy> GetAsync()
    {
        if (current is null)
        {
            var fetched = await grains.GetTenantGovernanceGrain(tenant).GetEffectivePolicyAsync(user);
            // A push may have landed while the fetch was in flight; keep whichever is newer.
            current = current is { } pushed && pushed.Version >= fetched.Version ? pushed : fetched;
        }

        return current;
    }

    public void Apply(EffectiveToolPolicy pushed)
    {
        if (current is not null && pushed.Version <= current.Version)
        {
            return;
        }

        var changed = current is null || !current.SameGrantsAs(pushed);
        current = pushed;
        if (changed && observers is { Count: > 0 } listening)
        {
            listening.Notify(observer => observer.ToolListChanged(tenant, user));
        }
    }

    public void Subscribe(IToolListObserver observer)
    {
        observers ??= new ObserverManager<IToolListObserver>(SubscriptionLifetime, logger);
        observers.Subscribe(observer, observer);
    }

    public void Unsubscribe(IToolListObserver observer) => observers?.Unsubscribe(observer);
}
