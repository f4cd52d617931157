using Platform.Confluence.Tools;
using Platform.Grains.Governance;
using Platform.Grains.Tools;

namespace Platform.Grains.Tests;

/// <summary>
/// The tools the test silos offer: a few fixed ones, plus tools a test adds under a unique name and may redefine (as a
/// new release would) to exercise re-review without touching other tests.
/// </summary>
public sealed class TestToolSource : IToolDescriptorSource
{
    public const string GetPage = "get_page";
    public const string CreatePage = "create_page";
    public const string DeletePage = "delete_page";

    /// <summary>A real tool of the platform's catalog, at its real definition: what the connection tests call.</summary>
    public const string ListSpaces = "list_spaces";

    /// <summary>Needs a scope the test tenants' integration does not grant.</summary>
    public const string ReadAnalytics = "get_page_analytics";

    public const string GrantedReadScope = "read:page:confluence";
    public const string GrantedWriteScope = "write:page:confluence";
    public const string UngrantedScope = "read:analytics.content:confluence";

    private readonly Lock gate = new();
    private readonly Dictionary<string, ToolDescriptor> tools = new(StringComparer.Ordinal)
    {
        [GetPage] = new(GetPage, "Get page", true, [GrantedReadScope], "hash-get-page-1"),
        [CreatePage] = new(CreatePage, "Create page", false, [GrantedWriteScope], "hash-create-page-1"),
        [DeletePage] = new(DeletePage, "Delete page", false, [GrantedWriteScope], "hash-delete-page-1"),
        [ReadAnalytics] = new(ReadAnalytics, "Page analytics", true, [GrantedReadScope, UngrantedScope], "hash-analytics-1"),
        [ListSpaces] = new CatalogToolDescriptors(ToolCatalog.Default).Tools.Single(tool => tool.Name == ListSpaces),
    };

    public IReadOnlyList<ToolDescriptor> Tools
    {
        get
        {
            lock (gate)
            {
                return [.. tools.Values];
            }
        }
    }

    /// <summary>Adds a tool only the calling test knows, or redefines it; returns its descriptor.</summary>
    public ToolDescriptor Define(string name, bool readOnly, string definitionHash, string? definition = null)
    {
        var tool = new ToolDescriptor(name, $"Test tool {name}", readOnly, [GrantedReadScope], definitionHash, definition);
        lock (gate)
        {
            tools[name] = tool;
        }

        return tool;
    }

    public static string UniqueName() => $"tool_{Guid.NewGuid():N}";
}
