using System.Text;

namespace Platform.Confluence.Tools.Tests;

/// <summary>docs/tools.md is the catalog as people read it; it must say exactly what the code offers.</summary>
public sealed class ToolsDocumentTests
{
    [Fact]
    public void The_tools_document_lists_every_tool_with_its_class_and_scopes()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "tools.md");
        var expected = Render(ToolCatalog.Default);
        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (actual != expected)
        {
            // The fix is to commit the rendered document: written next to the test output for copying.
            var rendered = Path.Combine(AppContext.BaseDirectory, "tools.md");
            File.WriteAllText(rendered, expected);
            Assert.Fail($"docs/tools.md is out of date with the catalog; the current rendering is at {rendered}.");
        }
    }

    private static string Render(ToolCatalog catalog)
    {
        var document = new StringBuilder();
        document.Append("# Tools\n\n")
            .Append("Generated from `ToolCatalog.Default` (`src/Confluence.Tools`); a test fails when this file and the code disagree.\n")
            .Append("Class: **read** tools only read (`readOnlyHint`), **write** tools create or change content, **destructive** tools delete\n")
            .Append("(`destructiveHint`). Scopes are the granular Atlassian OAuth scopes the tool's Confluence calls need; a tenant whose\n")
            .Append("integration lacks one lists the tool as unavailable.\n\n")
            .Append($"{catalog.Tools.Count} tools.\n\n")
            .Append("| tool | title | class | idempotent | scopes |\n")
            .Append("| --- | --- | --- | --- | --- |\n");
        foreach (var definition in catalog.Tools.Select(tool => tool.Definition).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            document.Append($"| `{definition.Name}` | {definition.Title} | {definition.Access.ToString().ToLowerInvariant()} | ")
                .Append(definition.Idempotent ? "yes" : "no")
                .Append(" | ")
                .AppendJoin(", ", definition.Scopes.Select(scope => $"`{scope}`"))
                .Append(" |\n");
        }

        return document.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found above the test output.");
    }
}
