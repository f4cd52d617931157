using Microsoft.Extensions.Logging;

namespace Platform.Grains.Governance;

/// <summary>
/// Pushes users' new policies to their grains and remembers what each grain holds, so a change reaches exactly the
/// users whose grants it changed. A push not confirmed within <see cref="Attempts"/> × <see cref="ConfirmTimeout"/>
/// (together under a kill switch's 1 s bound) is left to <see cref="RetryAsync"/>, which the grain runs every second;
/// the users still owed a push are kept in <paramref name="unconfirmed"/>, which the grain stores.
/// Runs inside the governance grain's turns: not thread-safe.
/// </summary>
internal sealed partial class PolicyPublisher(
    Func<string, EffectiveToolPolicy, Task> apply, ISet<string> unconfirmed, TimeProvider time, ILogger logger, string tenant)
{
    public const int Attempts = 3;

    public static readonly TimeSpan ConfirmTimeout = TimeSpan.FromMilliseconds(300);

    /// <summary>The policy each user's grain is known to hold: handed out when it asked, or confirmed after a push.</summary>
    private readonly Dictionary<string, EffectiveToolPolicy> held = new(StringComparer.Ordinal);

    /// <summary>How many users' grains have not confirmed the newest policy.</summary>
    public int UnconfirmedCount => unconfirmed.Count;

    /// <summary>The user's grain asked for its policy and now holds <paramref name="policy"/>.</summary>
    public EffectiveToolPolicy HandOut(string user, EffectiveToolPolicy policy)
    {
        held[user] = policy;
        unconfirmed.Remove(user);
        return policy;
    }

    /// <summary>
    /// After a change: pushes each user's policy unless their grain is known to hold the same grants already.
    /// Answers the users whose grain confirmed (it holds a policy now, even if it had just unregistered).
    /// </summary>
    public Task<IReadOnlyList<string>> PublishAsync(IEnumerable<string> users, Func<string, EffectiveToolPolicy> policyOf) =>
        PushAllAsync(users
            .Select(user => (User: user, Policy: policyOf(user)))
            .Where(push => unconfirmed.Contains(push.User) || !held.TryGetValue(push.User, out var holds) || !holds.SameGrantsAs(push.Policy)));

    /// <summary>Pushes the newest policy to every user whose grain has not confirmed one; answers those that now did.</summary>
    public Task<IReadOnlyList<string>> RetryAsync(Func<string, EffectiveToolPolicy> policyOf) =>
        PushAllAsync(unconfirmed.Select(user => (User: user, Policy: policyOf(user))));

    /// <summary>The user's grain deactivated: nothing to push to it any more.</summary>
    public void Forget(string user)
    {
        held.Remove(user);
        unconfirmed.Remove(user);
    }

    /// <summary>The state was not stored: nothing known about what grains hold can be trusted, so the next change pushes to everyone.</summary>
    public void Reset() => held.Clear();

    private async Task<IReadOnlyList<string>> PushAllAsync(IEnumerable<(string User, EffectiveToolPolicy Policy)> pushes)
    {
        var outcomes = await Task.WhenAll(pushes.ToList().Select(async push => (push.User, push.Policy, Failure: await PushAsync(push.User, push.Policy))));
        foreach (var (user, policy, failure) in outcomes)
        {
            if (failure is null)
            {
                held[user] = policy;
                unconfirmed.Remove(user);
            }
            else
            {
                held.Remove(user);
                if (unconfirmed.Add(user))
                {
                    LogNotConfirmed(logger, failure, tenant, user, policy.Version, Attempts);
                }
            }
        }

        return [.. outcomes.Where(outcome => outcome.Failure is null).Select(outcome => outcome.User)];
    }

    /// <summary>Null when the grain confirmed; otherwise why the last attempt failed.</summary>
    private async Task<Exception?> PushAsync(string user, EffectiveToolPolicy policy)
    {
        Exception? failure = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await apply(user, policy).WaitAsync(ConfirmTimeout, time);
                return null;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                failure = exception;
                LogAttemptFailed(logger, tenant, user, policy.Version, attempt, exception.Message);
            }
        }

        return failure;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Policy v{Version} for {Tenant}/{User} not confirmed (attempt {Attempt}): {Failure}")]
    private static partial void LogAttemptFailed(ILogger logger, string tenant, string user, long version, int attempt, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy v{Version} for {Tenant}/{User} not confirmed after {Attempts} attempts; retrying every second")]
    private static partial void LogNotConfirmed(ILogger logger, Exception exception, string tenant, string user, long version, int attempts);
}
