namespace Platform.Confluence.Content.Tests;

/// <summary>The storage-format pages under Fixtures/ and their expected Markdown.</summary>
internal static class Fixtures
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static TheoryData<string> Names() => new(System.IO.Directory.GetFiles(Directory, "*.xhtml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    public static string Storage(string name) => File.ReadAllText(Path.Combine(Directory, name + ".xhtml"));

    public static string ExpectedMarkdown(string name) => File.ReadAllText(Path.Combine(Directory, name + ".md"));
}
