namespace Platform.Audit.Tests;

public sealed class AuditArgumentsTests
{
    [Fact]
    public void The_digest_ignores_key_order_and_whitespace_but_not_values()
    {
        var a = AuditArguments.Describe("""{"b": 1, "a": {"y": [1, 2], "x": "v"}}""");
        var b = AuditArguments.Describe("""{"a":{"x":"v","y":[1,2]},"b":1}""");
        var c = AuditArguments.Describe("""{"a":{"x":"v","y":[2,1]},"b":1}""");

        Assert.Equal(a.Digest, b.Digest);
        Assert.NotEqual(a.Digest, c.Digest);
        Assert.Equal(64, a.Digest.Length);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("accessToken")]
    [InlineData("refresh_token")]
    [InlineData("clientSecret")]
    [InlineData("password")]
    [InlineData("Authorization")]
    [InlineData("api-key")]
    [InlineData("key")]
    public void Secret_looking_keys_are_redacted_wherever_they_are(string key)
    {
        var summary = AuditArguments.Describe($$$"""{"pageId":"42","items":[{"{{{key}}}":"hunter2"}],"{{{key}}}":{"deep":"hunter3"}}""");

        Assert.DoesNotContain("hunter", summary.Preview, StringComparison.Ordinal);
        Assert.Contains(AuditArguments.RedactedValue, summary.Preview, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_confluence_keys_stay_readable()
    {
        var summary = AuditArguments.Describe("""{"spaceKey":"ENG","pageId":"42","title":"Roadmap"}""");

        Assert.Equal("""{"pageId":"42","spaceKey":"ENG","title":"Roadmap"}""", summary.Preview);
    }

    [Fact]
    public void The_preview_is_bounded()
    {
        var summary = AuditArguments.Describe($$"""{"body":"{{new string('x', 5000)}}"}""");

        Assert.Equal(AuditArguments.PreviewMaxChars, summary.Preview.Length);
        Assert.EndsWith("…", summary.Preview, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_is_digested_but_never_previewed()
    {
        var summary = AuditArguments.Describe("token=hunter2");

        Assert.DoesNotContain("hunter2", summary.Preview, StringComparison.Ordinal);
        Assert.Equal(64, summary.Digest.Length);
    }
}
