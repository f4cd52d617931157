using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>Resolves a space key (what people and URLs use) to the space v2 needs by id.</summary>
internal static class SpaceLookup
{
    public static async Task<JsonElement> FindAsync(ConfluenceSession confluence, string spaceKey)
    {
        var answer = await confluence.GetAsync(ConfluencePaths.With(ConfluencePaths.V2 + "spaces", ("keys", spaceKey)), $"space with key '{spaceKey}'").ConfigureAwait(false);
        return answer.Results().FirstOrDefault() is { ValueKind: JsonValueKind.Object } space
            ? space
            : throw new UpstreamFailureException(ToolOutcome.ToolError(
                $"Confluence found no space with key '{spaceKey}', or you can't see it. Space keys are case-sensitive; list_spaces shows the valid ones.", 404));
    }

    public static async Task<string> IdOfAsync(ConfluenceSession confluence, string spaceKey) =>
        (await FindAsync(confluence, spaceKey).ConfigureAwait(false)).Str("id")!;
}
