using System.ComponentModel;

namespace Platform.Confluence.Tools;

internal sealed record CreateSpaceArguments(
    [Description("Space key: upper-case letters and digits, e.g. \"TEAMX\"; unique on the site and permanent.")] string Key,
    [Description("Display name of the space.")][SingleLine] string Name,
    [Description("Plain-text description.")] string? Description = null);

/// <summary>Creates a global space.</summary>
internal sealed class CreateSpaceTool() : ConfluenceTool<CreateSpaceArguments>(
    "create_space",
    "Create a space",
    "Creates a new Confluence space with a home page. The key cannot be changed later and must be unused; Confluence refuses " +
    "duplicates with a message. Needs the right to create spaces. Returns the space's id, key and web URL.",
    ToolAccess.Write, idempotent: false, ["write:space:confluence"], ToolSchemas.For<SpaceSummary>())
{
    private protected override string? Check(CreateSpaceArguments arguments) =>
        arguments.Key.All(char.IsAsciiLetterOrDigit) ? null : "'key' must contain only letters and digits, e.g. \"TEAMX\"";

    private protected override async Task<ToolOutcome> ExecuteAsync(CreateSpaceArguments arguments, ConfluenceSession confluence)
    {
        var created = await confluence.SendAsync("POST", ConfluencePaths.V2 + "spaces", new
        {
            key = arguments.Key,
            name = arguments.Name,
            description = arguments.Description is null ? null : new { value = arguments.Description, representation = "plain" },
        }, $"new space '{arguments.Key}'");
        var space = SpaceSummary.From(created);
        return ToolOutcome.Success($"Created space {space.Name}.\n\n{space.Line()}\n", Structured.Json(space), 200);
    }
}
