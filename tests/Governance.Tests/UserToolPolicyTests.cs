using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Governance.Tests;

/// <summary>The policy a user grain holds: a lease, one shared re-read when it runs out, governance's answer as the truth.</summary>
public sealed class UserToolPolicyTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider time = new();
    private readonly Queue<TaskCompletionSource<EffectiveToolPolicy>> fetches = new();
    private int fetched;

    [Fact]
    public async Task Within_the_lease_calls_ask_no_one_and_after_it_every_caller_shares_one_fetch()
    {
        var policy = Policy();
        var first = policy.GetAsync();
        Answer(Grants(1, "get_page"));
        await first;

        time.Advance(Lease - TimeSpan.FromMilliseconds(1));
        var withinLease = await policy.GetAsync();
        time.Advance(TimeSpan.FromMilliseconds(1));
        var waiting = Enumerable.Range(0, 10).Select(_ => policy.GetAsync()).ToList();
        Answer(Grants(2));
        var afterLease = await Task.WhenAll(waiting);

        Assert.Equal(1, withinLease.Version);
        Assert.Equal(2, fetched);
        Assert.All(afterLease, held => Assert.Equal(2, held.Version));
    }

    [Fact]
    public async Task A_push_renews_the_lease_and_an_older_push_is_ignored()
    {
        var policy = Policy();
        var first = policy.GetAsync();
        Answer(Grants(3, "get_page"));
        await first;

        time.Advance(Lease - TimeSpan.FromSeconds(1));
        policy.Apply(Grants(4));
        policy.Apply(Grants(2, "get_page", "create_page"));
        time.Advance(Lease - TimeSpan.FromSeconds(1));
        var held = await policy.GetAsync();

        Assert.Equal(1, fetched);
        Assert.Equal((4, 0), (held.Version, held.AllowedTools.Count));
    }

    [Fact]
    public async Task Governances_answer_replaces_a_policy_it_never_issued_but_not_a_push_that_landed_during_the_fetch()
    {
        var policy = Policy();
        policy.Apply(Grants(1_000, "get_page"));
        time.Advance(Lease);
        var forgedIsReplaced = policy.GetAsync();
        Answer(Grants(7));
        var afterFetch = await forgedIsReplaced;

        time.Advance(Lease);
        var racing = policy.GetAsync();
        policy.Apply(Grants(9));
        Answer(Grants(8, "get_page"));
        var afterRace = await racing;

        Assert.Equal((7, 0), (afterFetch.Version, afterFetch.AllowedTools.Count));
        Assert.Equal(9, afterRace.Version);
    }

    [Fact]
    public async Task A_failed_fetch_fails_the_callers_and_the_next_call_asks_again()
    {
        var policy = Policy();
        var failing = policy.GetAsync();
        fetches.Dequeue().SetException(new TimeoutException("governance did not answer"));
        await Assert.ThrowsAsync<TimeoutException>(() => failing);

        var retried = policy.GetAsync();
        Answer(Grants(1));

        Assert.Equal(1, (await retried).Version);
        Assert.Equal(2, fetched);
    }

    private UserToolPolicy Policy() => new(TenantId.Parse("acme"), UserId.Parse("alice"), FetchAsync, Lease, time, new FakeLogger());

    private Task<EffectiveToolPolicy> FetchAsync()
    {
        fetched++;
        var answer = new TaskCompletionSource<EffectiveToolPolicy>(TaskCreationOptions.RunContinuationsAsynchronously);
        fetches.Enqueue(answer);
        return answer.Task;
    }

    private void Answer(EffectiveToolPolicy policy) => fetches.Dequeue().SetResult(policy);

    private static EffectiveToolPolicy Grants(long version, params string[] tools) =>
        new(version, TenantAccess.Active, true, tools.ToDictionary(tool => tool, tool => $"hash-{tool}"));
}
