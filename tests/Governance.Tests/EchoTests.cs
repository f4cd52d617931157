using Platform.Grains.Refusals;

namespace Platform.Governance.Tests;

public sealed class EchoTests
{
    [Theory]
    [InlineData(null, "(none)")]
    [InlineData("", "''")]
    [InlineData("writers", "'writers'")]
    [InlineData("tab\there", "'tab\uFFFDhere'")]
    public void Short_values_are_quoted_whole_with_control_characters_replaced(string? value, string quoted) =>
        Assert.Equal(quoted, Echo.Quote(value));

    [Fact]
    public void Long_values_are_cut_to_the_cap_with_an_ellipsis()
    {
        var exactly = new string('a', Echo.MaxLength);

        Assert.Equal($"'{exactly}'", Echo.Quote(exactly));
        Assert.Equal($"'{exactly[..^1]}…'", Echo.Quote(exactly + "b"));
        Assert.Equal(Echo.MaxLength + 2, Echo.Quote(new string('z', 20 * 1024 * 1024)).Length);
    }

    [Fact]
    public void A_refusal_message_is_capped_whatever_its_caller_wrote()
    {
        var refusal = new ConflictException(new string('c', 10_000));

        Assert.Equal(RequestRefusedException.MaxMessageLength, refusal.Message.Length);
        Assert.EndsWith("…", refusal.Message, StringComparison.Ordinal);
    }
}
