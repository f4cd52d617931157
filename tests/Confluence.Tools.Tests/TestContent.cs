using System.Text.Json;

namespace Platform.Confluence.Tools.Tests;

/// <summary>Creates uniquely named content straight through the simulator's API, so each test works on its own pages.</summary>
public static class TestContent
{
    /// <summary>Storage XHTML as Confluence's editor writes it: macros with CDATA, a table, resource links, an entity, an image.</summary>
    public const string RealisticStorage =
        "<h2>Runbook</h2><p>Owner:&nbsp;<ac:link><ri:user ri:account-id=\"abc-123\" /></ac:link> see <ac:link><ri:page ri:space-key=\"ENG\" ri:content-title=\"Deploy guide\" /><ac:plain-text-link-body><![CDATA[the guide]]></ac:plain-text-link-body></ac:link>.</p>" +
        "<ac:structured-macro ac:name=\"code\" ac:schema-version=\"1\" ac:macro-id=\"m-1\"><ac:parameter ac:name=\"language\">python</ac:parameter><ac:plain-text-body><![CDATA[if a < b and c > d:\n    print(\"x & y\")]]></ac:plain-text-body></ac:structured-macro>" +
        "<ac:structured-macro ac:name=\"warning\" ac:schema-version=\"1\"><ac:rich-text-body><p>Do <em>not</em> run on Fridays.</p></ac:rich-text-body></ac:structured-macro>" +
        "<table data-layout=\"default\"><colgroup><col style=\"width: 100.0px;\" /></colgroup><tbody><tr><th><p>Step</p></th><th><p>Command</p></th></tr><tr><td><p>1</p></td><td><p><code>make deploy</code></p></td></tr></tbody></table>" +
        "<ac:structured-macro ac:name=\"toc\" ac:schema-version=\"1\"><ac:parameter ac:name=\"maxLevel\">2</ac:parameter></ac:structured-macro>" +
        "<p><ac:image ac:height=\"250\"><ri:attachment ri:filename=\"diagram.png\" /></ac:image></p>";

    public static string UniqueTitle(string prefix) => $"{prefix} {Guid.NewGuid():N}";

    public static async Task<string> SpaceIdAsync(this HttpConfluenceApi api, string key = "ENG") =>
        (await api.GetJsonAsync($"wiki/api/v2/spaces?keys={key}")).GetProperty("results")[0].GetProperty("id").GetString()!;

    public static async Task<JsonElement> CreatePageAsync(this HttpConfluenceApi api, string title, string storage = "<p>Hello.</p>", string spaceKey = "ENG", string? parentId = null)
    {
        var spaceId = await api.SpaceIdAsync(spaceKey);
        return await api.DirectAsync("POST", "wiki/api/v2/pages",
            new { spaceId, title, parentId, status = "current", body = new { representation = "storage", value = storage } });
    }

    public static async Task<JsonElement> PageAsync(this HttpConfluenceApi api, string id) =>
        await api.GetJsonAsync($"wiki/api/v2/pages/{id}?body-format=storage");

    public static string Id(this JsonElement element) => element.GetProperty("id").GetString()!;

    public static int Version(this JsonElement element) => element.GetProperty("version").GetProperty("number").GetInt32();

    public static string StorageBody(this JsonElement page) => page.GetProperty("body").GetProperty("storage").GetProperty("value").GetString()!;
}
