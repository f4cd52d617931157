using Microsoft.Extensions.Time.Testing;
using Platform.Grains.RateLimits;

namespace Platform.Grains.Tests;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_new_bucket_is_full_and_gives_exactly_its_burst()
    {
        var bucket = new TokenBucket(time, capacity: 3, tokensPerMinute: 60);

        Assert.True(bucket.IsFull);
        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => bucket.TryTake()));
        Assert.Equal(0, bucket.Available);
    }

    [Fact]
    public void Tokens_refill_continuously_at_the_rate()
    {
        var bucket = new TokenBucket(time, capacity: 10, tokensPerMinute: 120);
        bucket.TakeUpTo(10);

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(0, bucket.Available);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, bucket.Available);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(5, bucket.Available);
    }

    [Fact]
    public void Refill_never_exceeds_the_capacity()
    {
        var bucket = new TokenBucket(time, capacity: 4, tokensPerMinute: 600);
        bucket.TakeUpTo(4);

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(4, bucket.Available);
        Assert.True(bucket.IsFull);
    }

    [Fact]
    public void The_time_until_the_next_token_is_exact_and_waiting_it_yields_the_token()
    {
        var bucket = new TokenBucket(time, capacity: 2, tokensPerMinute: 7);
        bucket.TakeUpTo(2);
        time.Advance(TimeSpan.FromSeconds(3));

        var wait = bucket.TimeUntilNextToken();

        var expected = TimeSpan.FromMinutes(1.0 / 7) - TimeSpan.FromSeconds(3);
        Assert.InRange(wait, expected - TimeSpan.FromTicks(1), expected + TimeSpan.FromTicks(1));
        time.Advance(wait - TimeSpan.FromTicks(10));
        Assert.False(bucket.TryTake());
        time.Advance(TimeSpan.FromTicks(10));
        Assert.True(bucket.TryTake());
    }

    [Fact]
    public void The_time_until_the_next_token_is_zero_while_one_is_there()
    {
        Assert.Equal(TimeSpan.Zero, new TokenBucket(time, 1, 1).TimeUntilNextToken());
    }

    [Fact]
    public void Take_up_to_takes_only_whole_available_tokens()
    {
        var bucket = new TokenBucket(time, capacity: 5, tokensPerMinute: 60);

        Assert.Equal(3, bucket.TakeUpTo(3));
        Assert.Equal(2, bucket.TakeUpTo(10));
        time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(1, bucket.TakeUpTo(10));
    }

    [Fact]
    public void Reconfiguring_keeps_the_tokens_held_but_no_more_than_the_new_capacity()
    {
        var bucket = new TokenBucket(time, capacity: 30, tokensPerMinute: 60);
        bucket.TakeUpTo(25);

        bucket.Reconfigure(capacity: 2, tokensPerMinute: 600);
        Assert.Equal(2, bucket.Available);

        bucket.Reconfigure(capacity: 100, tokensPerMinute: 600);
        Assert.Equal(2, bucket.Available);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(12, bucket.Available);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(5, 0)]
    public void A_bucket_needs_a_positive_capacity_and_rate(int capacity, int perMinute)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(time, capacity, perMinute));
    }
}
