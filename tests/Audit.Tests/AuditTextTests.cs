namespace Platform.Audit.Tests;

public sealed class AuditTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("tab\tand\r\nnewline", "tab and  newline")]
    [InlineData("nul\u0000esc\u001bdel\u007fc1\u0085", "nul\uFFFDesc\uFFFDdel\uFFFDc1\uFFFD")]
    [InlineData("\u202Eevil\u2066", "\uFFFDevil\uFFFD")]
    [InlineData("pair 😀 stays", "pair 😀 stays")]
    public void Text_is_cleaned_character_by_character(string input, string expected) =>
        Assert.Equal(expected, AuditText.Bound(input, 100));

    [Fact]
    public void Unpaired_surrogates_are_replaced() =>
        // Not an [InlineData] case: the test runner's serialisation would repair the text before the test saw it.
        Assert.Equal("lone \uFFFD and \uFFFD", AuditText.Bound("lone \uD800 and \uDC00", 100));

    [Fact]
    public void Long_text_is_cut_with_an_ellipsis_and_never_inside_a_surrogate_pair()
    {
        Assert.Equal("abcd…", AuditText.Bound("abcdefgh", 5));
        // The cut would fall between the halves of the emoji: the whole pair goes.
        Assert.Equal("abc…", AuditText.Bound("abc😀defgh", 5));
        Assert.Equal("abcde", AuditText.Bound("abcde", 5));
    }

    [Fact]
    public void Clean_text_within_its_bound_is_returned_as_it_is()
    {
        var text = "already fine";
        Assert.Same(text, AuditText.Bound(text, 100));
        Assert.Null(AuditText.Bound(null, 100));
    }
}
