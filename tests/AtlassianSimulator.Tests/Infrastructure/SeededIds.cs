using System.Text.Json;

namespace AtlassianSimulator.Tests.Infrastructure;

/// <summary>Ids of seeded content found through the API, plus a few items created so every list has something in it.</summary>
public sealed class SeededIds
{
    private SimulatorFixture _sim = null!;
    private string _token = "";

    public string SpaceId { get; private set; } = "";
    public string HomepageId { get; private set; } = "";
    public string PageId { get; private set; } = "";
    public int PageVersion { get; private set; }
    public string InlinePageId => PageId;
    public string BlogPostId { get; private set; } = "";
    public string LabelledBlogPostId => BlogPostId;
    public string CommentedBlogPostId => BlogPostId;
    public string FooterCommentId { get; private set; } = "";
    public string FooterCommentWithReplyId => FooterCommentId;
    public string InlineCommentId { get; private set; } = "";
    public string AttachmentId { get; private set; } = "";
    public string PropertyId { get; private set; } = "";

    public static async Task<SeededIds> LoadAsync(SimulatorFixture sim, string token)
    {
        var ids = new SeededIds { _sim = sim, _token = token };
        var space = (await sim.GetJsonAsync(sim.Api("/api/v2/spaces?keys=ENG"), token)).GetProperty("results")[0];
        ids.SpaceId = space.GetProperty("id").GetString()!;
        ids.HomepageId = space.GetProperty("homepageId").GetString()!;
        var inline = (await sim.GetJsonAsync(sim.Api("/api/v2/inline-comments"), token)).GetProperty("results")[0];
        ids.InlineCommentId = inline.GetProperty("id").GetString()!;
        ids.PageId = inline.GetProperty("pageId").GetString()!;
        ids.PageVersion = (await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{ids.PageId}"), token)).GetProperty("version").GetProperty("number").GetInt32();
        ids.FooterCommentId = (await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{ids.PageId}/footer-comments"), token)).GetProperty("results")[0].GetProperty("id").GetString()!;
        ids.AttachmentId = (await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{ids.PageId}/attachments"), token)).GetProperty("results")[0].GetProperty("id").GetString()!;
        ids.BlogPostId = (await sim.GetJsonAsync(sim.Api($"/api/v2/spaces/{ids.SpaceId}/blogposts"), token)).GetProperty("results")[0].GetProperty("id").GetString()!;

        await ids.SendAsync(HttpMethod.Post, $"/api/v2/footer-comments", new { parentCommentId = ids.FooterCommentId, body = Storage("reply") });
        await ids.SendAsync(HttpMethod.Post, $"/api/v2/footer-comments", new { blogPostId = ids.BlogPostId, body = Storage("on blog") });
        await ids.SendAsync(HttpMethod.Post, $"/api/v2/inline-comments", new { blogPostId = ids.BlogPostId, body = Storage("inline on blog"), inlineCommentProperties = new { textSelection = "Weekly" } });
        await ids.SendAsync(HttpMethod.Post, $"/rest/api/content/{ids.BlogPostId}/label", new[] { new { prefix = "global", name = "news" } });
        var property = await ids.SendAsync(HttpMethod.Post, $"/api/v2/pages/{ids.PageId}/properties", new { key = "seeded", value = new { on = true } });
        ids.PropertyId = property.GetProperty("id").GetString()!;
        return ids;
    }

    public async Task<string> WhiteboardIdAsync() =>
        (await SendAsync(HttpMethod.Post, "/api/v2/whiteboards", new { spaceId = SpaceId, title = "Seeded board" })).GetProperty("id").GetString()!;

    private static object Storage(string text) => new { representation = "storage", value = $"<p>{text}</p>" };

    private async Task<JsonElement> SendAsync(HttpMethod method, string wikiPath, object body)
    {
        using var response = await _sim.SendAsync(method, _sim.Api(wikiPath), _token, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {wikiPath}: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
