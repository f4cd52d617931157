namespace Platform.Confluence.Content.Tests;

public sealed class StorageToMarkdownFixtureTests
{
    public static TheoryData<string> FixtureNames => Fixtures.Names();

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void A_fixture_page_converts_to_its_golden_markdown(string name)
    {
        var actual = StorageToMarkdown.Convert(Fixtures.Storage(name));

        // The actual output lands beside the test binary so a failing golden file can be diffed and reviewed.
        File.WriteAllText(Path.Combine(Fixtures.Directory, name + ".actual.md"), actual);
        Assert.Equal(Fixtures.ExpectedMarkdown(name), actual);
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Converting_a_fixture_is_deterministic_and_tidy(string name)
    {
        var markdown = StorageToMarkdown.Convert(Fixtures.Storage(name));

        Assert.Equal(markdown, StorageToMarkdown.Convert(Fixtures.Storage(name)));
        Assert.DoesNotContain("\n\n\n", markdown, StringComparison.Ordinal);
        Assert.All(markdown.Split('\n'), line => Assert.Equal(line.TrimEnd(), line));
        Assert.EndsWith("\n", markdown, StringComparison.Ordinal);
    }
}
