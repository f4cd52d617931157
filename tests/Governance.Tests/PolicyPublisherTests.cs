using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Platform.Grains.Governance;

namespace Platform.Governance.Tests;

public sealed class PolicyPublisherTests
{
    private static readonly Dictionary<string, string> GetPage = new() { ["get_page"] = "hash-1" };

    private readonly FakeTimeProvider time = new();
    private readonly FakeLogger logger = new();
    private readonly UserGrains grains = new();

    /// <summary>The retry set as the governance grain stores it.</summary>
    private readonly HashSet<string> unconfirmed = [];

    [Fact]
    public async Task A_change_reaches_every_user_whose_grants_changed_and_no_one_else()
    {
        var publisher = Publisher();
        var policies = new Dictionary<string, EffectiveToolPolicy> { ["alice"] = Policy(1, GetPage), ["bob"] = Policy(1, []) };
        publisher.HandOut("bob", policies["bob"]);

        var first = await publisher.PublishAsync(["alice", "bob"], user => policies[user]);
        policies = new() { ["alice"] = Policy(2, GetPage), ["bob"] = Policy(2, GetPage) };
        var second = await publisher.PublishAsync(["alice", "bob"], user => policies[user]);

        Assert.Equal(["alice"], first);
        Assert.Equal(["bob"], second);
        Assert.Equal(["alice v1", "bob v2"], grains.Applied);
        Assert.Equal(0, publisher.UnconfirmedCount);
    }

    [Fact]
    public async Task A_grain_that_does_not_answer_is_tried_three_times_within_a_second_then_retried_until_it_confirms_the_newest_policy()
    {
        var publisher = Publisher();
        grains.Hang("alice");
        var version = 1L;

        var publishing = publisher.PublishAsync(["alice", "bob"], user => Policy(version, GetPage));
        for (var attempt = 1; attempt <= PolicyPublisher.Attempts; attempt++)
        {
            await grains.CalledAsync("alice");
            time.Advance(PolicyPublisher.ConfirmTimeout);
        }

        var confirmed = await publishing;
        Assert.Equal(["bob"], confirmed);
        Assert.Equal(1, publisher.UnconfirmedCount);
        Assert.True(PolicyPublisher.Attempts * PolicyPublisher.ConfirmTimeout < TimeSpan.FromSeconds(1));
        var warning = Assert.Single(logger.Collector.GetSnapshot(), line => line.Level == LogLevel.Warning);
        Assert.IsType<TimeoutException>(warning.Exception);

        grains.Answer("alice");
        version = 2;
        var retried = await publisher.RetryAsync(user => Policy(version, GetPage));

        Assert.Equal(["alice"], retried);
        Assert.Equal(0, publisher.UnconfirmedCount);
        Assert.Equal(["bob v1", "alice v2"], grains.Applied);
    }

    [Fact]
    public async Task A_grain_that_fails_stays_unconfirmed_and_is_pushed_again_by_the_next_change_even_with_the_same_grants()
    {
        var publisher = Publisher();
        grains.Fail("alice");

        await publisher.PublishAsync(["alice"], _ => Policy(1, GetPage));
        var retried = await publisher.RetryAsync(_ => Policy(1, GetPage));
        grains.Answer("alice");
        var next = await publisher.PublishAsync(["alice"], _ => Policy(2, GetPage));

        Assert.Empty(retried);
        Assert.Equal(["alice"], next);
        Assert.Equal(["alice v2"], grains.Applied);
        Assert.Single(logger.Collector.GetSnapshot(), line => line.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_grain_that_fetched_its_policy_or_went_away_needs_no_retry()
    {
        var publisher = Publisher();
        grains.Fail("alice");
        grains.Fail("bob");
        await publisher.PublishAsync(["alice", "bob"], _ => Policy(1, GetPage));

        publisher.HandOut("alice", Policy(1, GetPage));
        publisher.Forget("bob");

        Assert.Equal(0, publisher.UnconfirmedCount);
        Assert.Empty(await publisher.RetryAsync(_ => Policy(1, GetPage)));
    }

    [Fact]
    public async Task After_a_reset_every_user_is_pushed_again()
    {
        var publisher = Publisher();
        await publisher.PublishAsync(["alice"], _ => Policy(1, GetPage));

        publisher.Reset();
        await publisher.PublishAsync(["alice"], _ => Policy(2, GetPage));

        Assert.Equal(["alice v1", "alice v2"], grains.Applied);
    }

    [Fact]
    public async Task The_users_left_unconfirmed_live_in_the_stored_set_so_a_new_activation_retries_them()
    {
        grains.Fail("alice");
        var publishing = await Publisher().PublishAsync(["alice", "bob"], _ => Policy(1, GetPage));
        var storedAfterFailure = unconfirmed.ToList();

        grains.Answer("alice");
        // A new activation of governance knows nothing but what was stored.
        var reactivated = Publisher();
        var retried = await reactivated.RetryAsync(_ => Policy(2, GetPage));

        Assert.Equal(["bob"], publishing);
        Assert.Equal(["alice"], storedAfterFailure);
        Assert.Equal(["alice"], retried);
        Assert.Empty(unconfirmed);
        Assert.Equal(["bob v1", "alice v2"], grains.Applied);
    }

    private static EffectiveToolPolicy Policy(long version, Dictionary<string, string> tools) => new(version, TenantAccess.Active, true, tools);

    private PolicyPublisher Publisher() => new(grains.ApplyAsync, unconfirmed, time, logger, "acme");

    /// <summary>User grains as the publisher sees them: each answers, fails, or never answers; every call is seen.</summary>
    private sealed class UserGrains
    {
        private readonly Dictionary<string, Func<Task>> behaviour = [];
        private readonly Channel<string> calls = Channel.CreateUnbounded<string>();

        public List<string> Applied { get; } = [];

        public void Hang(string user) => behaviour[user] = () => new TaskCompletionSource().Task;

        public void Fail(string user) => behaviour[user] = () => Task.FromException(new InvalidOperationException("The grain failed."));

        public void Answer(string user) => behaviour.Remove(user);

        public async Task CalledAsync(string user)
        {
            while (await calls.Reader.ReadAsync() != user)
            {
            }
        }

        public Task ApplyAsync(string user, EffectiveToolPolicy policy)
        {
            calls.Writer.TryWrite(user);
            if (behaviour.TryGetValue(user, out var misbehave))
            {
                return misbehave();
            }

            Applied.Add($"{user} v{policy.Version}");
            return Task.CompletedTask;
        }
    }
}
