namespace Platform.Confluence.Content.Tests;

public sealed class RoundTripTests
{
    /// <summary>Markdown in the form <see cref="StorageToMarkdown"/> writes comes back unchanged.</summary>
    private const string CanonicalPage = """
        # Release checklist

        Paragraph with **bold**, *italic*, ~~strike~~, `code`, a [link](https://example.com/docs) and a [page](<page:OPS/Deployment guide>).

        ## Lists

        - one
          - one.a
        - two

        3. third
        4. fourth

        - [ ] open task
        - [x] done task
          - [ ] nested task

        | Name | Port |
        | --- | --- |
        | api | 8080 |
        | a \| b | `x` |

        ```bash
        echo "deploy <now> & wait"
        ```

        > quoted **text**

        > **Info:** Deploys freeze on Fridays.
        >
        > - except hotfixes

        > **Panel: At a glance**
        >
        > Three regions.

        ---

        ![Diagram](https://example.com/d.png) and ![local](<attachment:flow chart.png>)

        Line one\
        line two

        Download [plan](attachment:plan.xlsx) from [ARCH](space:ARCH).

        """;

    [Fact]
    public void Canonical_markdown_survives_a_round_trip_unchanged()
    {
        Assert.Equal(CanonicalPage, StorageToMarkdown.Convert(MarkdownToStorage.Convert(CanonicalPage)));
    }

    [Theory]
    [InlineData("* star bullets\n* and more")]
    [InlineData("__strong__ and _em_ and ***both***")]
    [InlineData("Setext heading\n==============\n\nSub\n---")]
    [InlineData("1) paren list\n2) again")]
    [InlineData("| left | right |\n|:--|--:|\n| a | b |\n| only |")]
    [InlineData("Text with <b>raw html</b> and <script>x()</script>")]
    [InlineData("<div>\nhtml block\n</div>")]
    [InlineData("Escapes: \\*not em\\* \\[not link\\] 2 * 3 snake_case _x_ a~~b")]
    [InlineData("~~~python\nprint('```')\n~~~")]
    [InlineData("- item\n\n  second paragraph\n- next")]
    [InlineData("> quote\n>\n> - list in quote\n> ```\n> code in quote\n> ```")]
    [InlineData("[ref link][r]\n\n[r]: https://example.com \"Title\"")]
    [InlineData("# Heading with `code` and [link](https://x.example)")]
    [InlineData("Soft\nwrapped\nparagraph")]
    [InlineData("#hashtag at start and 1. numbers")]
    [InlineData("[](https://example.com/empty-text)")]
    [InlineData("&nbsp;&mdash; entities &amp; &lt;tags&gt;")]
    public void Markdown_is_stable_after_one_round_trip(string markdown)
    {
        var once = StorageToMarkdown.Convert(MarkdownToStorage.Convert(markdown));
        var twice = StorageToMarkdown.Convert(MarkdownToStorage.Convert(once));

        Assert.Equal(once, twice);
    }

    [Theory]
    [InlineData("<ri:page ri:space-key=\"OPS\" ri:content-title=\"Runbooks\" />", "[x](page:OPS/Runbooks)")]
    [InlineData("<ri:page ri:content-title=\"CI/CD pipeline\" />", "[x](<page:/CI/CD pipeline>)")]
    [InlineData("<ri:page ri:content-title=\"Sprint #12\" />", "[x](<page:Sprint #12>)")]
    [InlineData("<ri:page ri:content-title=\"C# style\" />", "[x](<page:C# style>)")]
    public void Page_links_survive_storage_to_markdown_and_back(string page, string markdown)
    {
        var storage = $"<p><ac:link>{page}<ac:link-body>x</ac:link-body></ac:link></p>\n";

        Assert.Equal(markdown + "\n", StorageToMarkdown.Convert(storage));
        Assert.Equal(storage, MarkdownToStorage.Convert(markdown));
    }

    [Theory]
    [MemberData(nameof(StorageToMarkdownFixtureTests.FixtureNames), MemberType = typeof(StorageToMarkdownFixtureTests))]
    public void Fixture_markdown_is_stable_after_one_round_trip(string name)
    {
        var once = StorageToMarkdown.Convert(MarkdownToStorage.Convert(StorageToMarkdown.Convert(Fixtures.Storage(name))));
        var twice = StorageToMarkdown.Convert(MarkdownToStorage.Convert(once));

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Conversions_running_in_parallel_give_the_same_results_as_one_at_a_time()
    {
        var storage = Fixtures.Storage("runbook");
        var expectedMarkdown = StorageToMarkdown.Convert(storage);
        var expectedStorage = MarkdownToStorage.Convert(expectedMarkdown);

        Parallel.For(0, 200, _ =>
        {
            var markdown = StorageToMarkdown.Convert(storage);
            Assert.Equal(expectedMarkdown, markdown);
            Assert.Equal(expectedStorage, MarkdownToStorage.Convert(markdown));
        });
    }
}
