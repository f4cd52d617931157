using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Calls a catalog tool by name with arguments written as an anonymous object or raw JSON.</summary>
public static class ToolRunner
{
    public static Task<ToolOutcome> RunAsync(this IConfluenceApi api, string tool, object arguments) =>
        RunJsonAsync(api, tool, JsonSerializer.Serialize(arguments));

    public static Task<ToolOutcome> RunJsonAsync(this IConfluenceApi api, string tool, string argumentsJson)
    {
        var found = ToolCatalog.Default.Find(tool) ?? throw new InvalidOperationException($"no tool {tool}");
        using var document = JsonDocument.Parse(argumentsJson);
        return found.InvokeAsync(document.RootElement.Clone(), api, CancellationToken.None);
    }

    public static JsonElement Structured(this ToolOutcome outcome)
    {
        Assert.True(outcome.IsSuccess, outcome.Text);
        Assert.NotNull(outcome.StructuredJson);
        return JsonDocument.Parse(outcome.StructuredJson!).RootElement.Clone();
    }

    public static ToolOutcome Succeeded(this ToolOutcome outcome)
    {
        Assert.True(outcome.IsSuccess, $"{outcome.Kind}: {outcome.Text}");
        return outcome;
    }
}
