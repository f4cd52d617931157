namespace Platform.Api.WebConsole.Model;

/// <summary>Ready configuration for one AI client to reach a tenant's MCP endpoint (with a placeholder for the key).</summary>
public sealed record ClientSnippet(string Client, string Where, string Text)
{
    public const string KeyPlaceholder = "<your API key>";

    public static IReadOnlyList<ClientSnippet> For(Platform.Grains.Identity.TenantId tenant, string mcpUrl) =>
    [
        new("Claude Code", "Run in a terminal; Claude Desktop and claude.ai take the URL under Settings → Connectors and sign you in.",
            $"claude mcp add --transport http confluence-{tenant} {mcpUrl} --header \"Authorization: Bearer {KeyPlaceholder}\""),
        new("VS Code", ".vscode/mcp.json in your workspace (or the user mcp.json): VS Code asks for the key once and keeps it.",
            $$"""
            {
              "inputs": [{ "type": "promptString", "id": "confluence-key", "description": "Confluence gateway API key", "password": true }],
              "servers": {
                "confluence-{{tenant}}": {
                  "type": "http",
                  "url": "{{mcpUrl}}",
                  "headers": { "Authorization": "Bearer ${input:confluence-key}" }
                }
              }
            }
            """),
        new("Cursor", "~/.cursor/mcp.json (or .cursor/mcp.json in a project).",
            $$"""
            {
              "mcpServers": {
                "confluence-{{tenant}}": {
                  "url": "{{mcpUrl}}",
                  "headers": { "Authorization": "Bearer {{KeyPlaceholder}}" }
                }
              }
            }
            """),
    ];
}
