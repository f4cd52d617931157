using System.Text.Json;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

/// <summary>Every implemented v2 operation's real response validates against the response schema in Atlassian's v2 spec.</summary>
[Collection(SimulatorCollection.Name)]
public sealed class V2SchemaTests(SimulatorFixture sim) : SeededSimulatorTest(sim)
{
    private static readonly OpenApiSchemaValidator Spec = new(Path.Combine(AppContext.BaseDirectory, "Specs", "confluence-cloud-v2.openapi.json"));

    public static TheoryData<string> Operations() =>
    [
        "getPages", "getPagesInSpace", "getPageById:storage", "getPageById:view", "getPageById:atlas_doc_format", "getPageById:include-labels", "createPage", "updatePage",
        "getChildPages", "getPageAncestors", "getPageVersions", "getPageVersionDetails", "getPageLabels", "getLabels",
        "getBlogPosts", "getBlogPostsInSpace", "getBlogPostById", "createBlogPost", "updateBlogPost", "getBlogPostVersions", "getBlogPostLabels",
        "getSpaces", "getSpaceById", "createSpace",
        "getFooterComments", "getPageFooterComments", "getBlogPostFooterComments", "getFooterCommentById", "getFooterCommentChildren", "createFooterComment", "createFooterComment:nested-body",
        "getInlineComments", "getPageInlineComments", "getBlogPostInlineComments", "getInlineCommentById", "getInlineCommentChildren", "createInlineComment",
        "getAttachments", "getPageAttachments", "getAttachmentById",
        "createWhiteboard", "getWhiteboardById",
        "getPageContentProperties", "createPageProperty", "getPageContentPropertiesById", "updatePagePropertyById",
        "getSpacePermissionsAssignments", "updateInlineComment",
    ];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Response_matches_the_v2_spec(string operation)
    {
        var (method, specPath, url, body, status) = await CaseAsync(operation);
        using var response = await Sim.SendAsync(method, Sim.Api("/api/v2" + url), Token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{operation}: {(int)response.StatusCode} {text}");
        var schema = Spec.ResponseSchema(method.Method, specPath, status);
        Assert.NotNull(schema);
        using var json = JsonDocument.Parse(text);
        var errors = Spec.Validate(schema.Value, json.RootElement);
        Assert.True(errors.Count == 0, $"{operation}:\n{string.Join('\n', errors)}\n{text[..Math.Min(text.Length, 800)]}");
        if (json.RootElement.TryGetProperty("results", out var results))
        {
            Assert.True(results.GetArrayLength() > 0, $"{operation} returned no results, so the item schema was not exercised");
        }
    }

    [Theory]
    [InlineData("deletePage", "/pages/{id}")]
    [InlineData("deleteBlogPost", "/blogposts/{id}")]
    [InlineData("deleteAttachment", "/attachments/{id}")]
    [InlineData("deleteWhiteboard", "/whiteboards/{id}")]
    [InlineData("deletePagePropertyById", "/pages/{page-id}/properties/{property-id}")]
    public async Task Deletes_answer_the_status_the_spec_documents(string operation, string specPath)
    {
        var i = Ids;
        var url = operation switch
        {
            "deletePage" => $"/pages/{i.PageId}",
            "deleteBlogPost" => $"/blogposts/{i.BlogPostId}",
            "deleteAttachment" => $"/attachments/{i.AttachmentId}",
            "deleteWhiteboard" => $"/whiteboards/{await i.WhiteboardIdAsync()}",
            _ => $"/pages/{i.PageId}/properties/{i.PropertyId}",
        };
        using var response = await Sim.SendAsync(HttpMethod.Delete, Sim.Api("/api/v2" + url), Token);
        Assert.Equal(204, (int)response.StatusCode);
        Assert.Null(Spec.ResponseSchema("DELETE", specPath, 204));
    }

    [Fact]
    public void Validator_rejects_a_wrong_shape()
    {
        var schema = Spec.ResponseSchema("GET", "/pages/{id}", 200)!.Value;
        using var bad = JsonDocument.Parse("""{"id":"1","status":"bogus","version":{"number":"one"},"position":null,"parentType":null}""");
        var errors = Spec.Validate(schema, bad.RootElement);
        Assert.Contains(errors, e => e.Contains("$.status", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.version.number", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("$.parentType: null", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("$.position", StringComparison.Ordinal));
    }

    private async Task<(HttpMethod, string, string, object?, int)> CaseAsync(string operation)
    {
        var i = Ids;
        var storage = new { representation = "storage", value = "<p>Schema test</p>" };
        var get = HttpMethod.Get;
        return operation switch
        {
            "getPages" => (get, "/pages", "/pages?body-format=storage", null, 200),
            "getPagesInSpace" => (get, "/spaces/{id}/pages", $"/spaces/{i.SpaceId}/pages", null, 200),
            "getPageById:storage" => (get, "/pages/{id}", $"/pages/{i.PageId}?body-format=storage", null, 200),
            "getPageById:view" => (get, "/pages/{id}", $"/pages/{i.PageId}?body-format=view", null, 200),
            "getPageById:atlas_doc_format" => (get, "/pages/{id}", $"/pages/{i.PageId}?body-format=atlas_doc_format", null, 200),
            "getPageById:include-labels" => (get, "/pages/{id}", $"/pages/{i.PageId}?include-labels=true", null, 200),
            "createPage" => (HttpMethod.Post, "/pages", "/pages", new { spaceId = i.SpaceId, status = "current", title = "Schema page", parentId = i.PageId, body = storage }, 200),
            "updatePage" => (HttpMethod.Put, "/pages/{id}", $"/pages/{i.PageId}", new { id = i.PageId, status = "current", title = "Updated", body = storage, version = new { number = i.PageVersion + 1, message = "m" } }, 200),
            "getChildPages" => (get, "/pages/{id}/children", $"/pages/{i.HomepageId}/children", null, 200),
            "getPageAncestors" => (get, "/pages/{id}/ancestors", $"/pages/{i.PageId}/ancestors", null, 200),
            "getPageVersions" => (get, "/pages/{id}/versions", $"/pages/{i.PageId}/versions", null, 200),
            "getPageVersionDetails" => (get, "/pages/{page-id}/versions/{version-number}", $"/pages/{i.PageId}/versions/1", null, 200),
            "getPageLabels" => (get, "/pages/{id}/labels", $"/pages/{i.PageId}/labels", null, 200),
            "getLabels" => (get, "/labels", "/labels", null, 200),
            "getBlogPosts" => (get, "/blogposts", "/blogposts?body-format=storage", null, 200),
            "getBlogPostsInSpace" => (get, "/spaces/{id}/blogposts", $"/spaces/{i.SpaceId}/blogposts", null, 200),
            "getBlogPostById" => (get, "/blogposts/{id}", $"/blogposts/{i.BlogPostId}?body-format=view", null, 200),
            "createBlogPost" => (HttpMethod.Post, "/blogposts", "/blogposts", new { spaceId = i.SpaceId, status = "current", title = "Schema blog", body = storage }, 200),
            "updateBlogPost" => (HttpMethod.Put, "/blogposts/{id}", $"/blogposts/{i.BlogPostId}", new { id = i.BlogPostId, status = "current", title = "Updated blog", body = storage, version = new { number = 2 } }, 200),
            "getBlogPostVersions" => (get, "/blogposts/{id}/versions", $"/blogposts/{i.BlogPostId}/versions", null, 200),
            "getBlogPostLabels" => (get, "/blogposts/{id}/labels", $"/blogposts/{i.LabelledBlogPostId}/labels", null, 200),
            "getSpaces" => (get, "/spaces", "/spaces", null, 200),
            "getSpaceById" => (get, "/spaces/{id}", $"/spaces/{i.SpaceId}", null, 200),
            "createSpace" => (HttpMethod.Post, "/spaces", "/spaces", new { key = "SCHEMA", name = "Schema space" }, 201),
            "getFooterComments" => (get, "/footer-comments", "/footer-comments?body-format=storage", null, 200),
            "getPageFooterComments" => (get, "/pages/{id}/footer-comments", $"/pages/{i.PageId}/footer-comments?body-format=storage", null, 200),
            "getBlogPostFooterComments" => (get, "/blogposts/{id}/footer-comments", $"/blogposts/{i.CommentedBlogPostId}/footer-comments", null, 200),
            "getFooterCommentById" => (get, "/footer-comments/{comment-id}", $"/footer-comments/{i.FooterCommentId}?body-format=storage", null, 200),
            "getFooterCommentChildren" => (get, "/footer-comments/{id}/children", $"/footer-comments/{i.FooterCommentWithReplyId}/children", null, 200),
            "createFooterComment" => (HttpMethod.Post, "/footer-comments", "/footer-comments", new { pageId = i.PageId, body = storage }, 201),
            "createFooterComment:nested-body" => (HttpMethod.Post, "/footer-comments", "/footer-comments", new { pageId = i.PageId, body = new { storage = storage } }, 201),
            "getInlineComments" => (get, "/inline-comments", "/inline-comments", null, 200),
            "getPageInlineComments" => (get, "/pages/{id}/inline-comments", $"/pages/{i.InlinePageId}/inline-comments", null, 200),
            "getBlogPostInlineComments" => (get, "/blogposts/{id}/inline-comments", $"/blogposts/{i.CommentedBlogPostId}/inline-comments", null, 200),
            "getInlineCommentById" => (get, "/inline-comments/{comment-id}", $"/inline-comments/{i.InlineCommentId}?body-format=storage", null, 200),
            "getInlineCommentChildren" => (get, "/inline-comments/{id}/children", $"/inline-comments/{i.InlineCommentId}/children", null, 200),
            "createInlineComment" => (HttpMethod.Post, "/inline-comments", "/inline-comments", new { pageId = i.PageId, body = storage, inlineCommentProperties = new { textSelection = "Steps", textSelectionMatchCount = 1, textSelectionMatchIndex = 0 } }, 201),
            "getAttachments" => (get, "/attachments", "/attachments", null, 200),
            "getPageAttachments" => (get, "/pages/{id}/attachments", $"/pages/{i.PageId}/attachments", null, 200),
            "getAttachmentById" => (get, "/attachments/{id}", $"/attachments/{i.AttachmentId}", null, 200),
            "createWhiteboard" => (HttpMethod.Post, "/whiteboards", "/whiteboards", new { spaceId = i.SpaceId, title = "Board", parentId = i.PageId }, 200),
            "getWhiteboardById" => (get, "/whiteboards/{id}", $"/whiteboards/{await i.WhiteboardIdAsync()}", null, 200),
            "getPageContentProperties" => (get, "/pages/{page-id}/properties", $"/pages/{i.PageId}/properties", null, 200),
            "createPageProperty" => (HttpMethod.Post, "/pages/{page-id}/properties", $"/pages/{i.PageId}/properties", new { key = "schema-test", value = new { a = 1 } }, 200),
            "getPageContentPropertiesById" => (get, "/pages/{page-id}/properties/{property-id}", $"/pages/{i.PageId}/properties/{i.PropertyId}", null, 200),
            "getSpacePermissionsAssignments" => (get, "/spaces/{id}/permissions", $"/spaces/{i.SpaceId}/permissions", null, 200),
            "updateInlineComment" => (HttpMethod.Put, "/inline-comments/{comment-id}", $"/inline-comments/{i.InlineCommentId}", new { version = new { number = 2 }, resolved = true }, 200),
            "updatePagePropertyById" => (HttpMethod.Put, "/pages/{page-id}/properties/{property-id}", $"/pages/{i.PageId}/properties/{i.PropertyId}", new { key = "seeded", value = "x", version = new { number = 2 } }, 200),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }
}
