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

    /// <summary>
    /// Digests and previews pinned as the first release wrote them: the digest identifies the same arguments across
    /// releases, so a faster canonical writer must give exactly these.
    /// </summary>
    [Theory]
    [InlineData("""{"pageId":"65538"}""", "0d5210f3f08ae553827f9b4b11ba66c848fe2d52d2df6e8c4900cb99002ecd8c", """{"pageId":"65538"}""")]
    [InlineData("""{"b": 1, "a": {"y": [1, 2.50, -0, 1e5, true, false, null], "x": "v"}}""", "0d3b8ec861789dbcce2b608d0e173c8e0e4b0e14c6baf7f2ce9e7debe5eb50e4",
        """{"a":{"x":"v","y":[1,2.50,-0,1e5,true,false,null]},"b":1}""")]
    [InlineData("""{"title":"Caf\u00e9 <b>&amp;</b> \"q\" \ud83d\ude00 é 😀 \u0001 'x' +","token":"s"}""", "6391814239ecf6ee108a3725005cef5b3dbebb0e9780ef18cd46553c241608d7",
        """{"title":"Caf\u00E9 \u003Cb\u003E\u0026amp;\u003C/b\u003E \u0022q\u0022 \uD83D\uDE00 \u00E9 \uD83D\uDE00 \u0001 \u0027x\u0027 \u002B","token":"[redacted]"}""")]
    [InlineData("""{}""", "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", """{}""")]
    [InlineData("""[]""", "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945", """[]""")]
    [InlineData("""null""", "74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b", """null""")]
    [InlineData(""" 42 """, "73475cb40a568e8da8a045ced110137e159f890ac4da883b6b17dc651b3a8049", """42""")]
    [InlineData("""[{"z":1,"y":{"Password":"p","list":[{"api_key":1}]}}]""", "d1c6f42e87e018b7cb2bd14c35e3df8cbaa39a6fba5e589d2b79ac31eb4bbd1f",
        """[{"y":{"Password":"[redacted]","list":[{"api_key":"[redacted]"}]},"z":1}]""")]
    [InlineData("""{"Ä":1,"a":2,"B":3,"_":4,"é":5}""", "299fb1d2b717b2cc0faca8d15e3799e80526fbc9190b9c4ea86889b86e7c3482", """{"B":3,"_":4,"a":2,"\u00C4":1,"\u00E9":5}""")]
    [InlineData("""{"x":"\u2028\u2029"}""", "a38d91ea3e1d090153e9543baedfc2c4b4e0ffb80be42833e6fa30c595116a60", """{"x":"\u2028\u2029"}""")]
    [InlineData("""{"a":"\u0000\t\n\/"}""", "2b16b647fc85170592ff3e538612e613733623ef6b90d23a99c019d07a885f43", """{"a":"\u0000\t\n/"}""")]
    [InlineData("""[[[{"b":{"a":[]}}]]]""", "6da4f0cf6bb94c8d16212d6e241c3e2f9495df1a952dbeeea4befab29d3662af", """[[[{"b":{"a":[]}}]]]""")]
    [InlineData("""{"bad": """, "3f7231ca7e4322a1ba1fd9dbfe4da4b70b16e9bf5ce7d138dd2e1a0d4fb60fdc", "(not JSON, 8 chars)")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "(not JSON, 0 chars)")]
    public void Digests_and_previews_are_what_every_release_wrote(string json, string digest, string preview)
    {
        var summary = AuditArguments.Describe(json);

        Assert.Equal((digest, preview), (summary.Digest, summary.Preview));
        Assert.Equal(preview, AuditArguments.RedactSnapshot(json));
    }

    [Fact]
    public void A_name_given_twice_keeps_both_values_in_the_order_sent()
    {
        var twice = AuditArguments.Describe("""{"b":0,"pageId":"1","pageId":"2"}""");
        var once = AuditArguments.Describe("""{"b":0,"pageId":"2"}""");

        Assert.Equal("""{"b":0,"pageId":"1","pageId":"2"}""", twice.Preview);
        Assert.NotEqual(once.Digest, twice.Digest);
        Assert.Equal("""{"token":"[redacted]","token":"[redacted]"}""", AuditArguments.RedactSnapshot("""{"token":"a","token":"b"}"""));
    }

    [Theory]
    [InlineData("""{"pageId":"\ud800"}""")]
    [InlineData("""{"\udfff":"1"}""")]
    [InlineData("""[{"deep":["\ud83d"]}]""")]
    public void Json_whose_strings_are_not_unicode_is_digested_as_sent_and_never_previewed(string json)
    {
        var summary = AuditArguments.Describe(json);

        Assert.Equal($"(not JSON, {json.Length} chars)", summary.Preview);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))), summary.Digest);
        Assert.Equal(summary.Preview, AuditArguments.RedactSnapshot(json));
    }
}
