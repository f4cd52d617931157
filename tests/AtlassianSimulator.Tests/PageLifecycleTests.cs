using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class PageLifecycleTests(SimulatorFixture sim) : IAsyncLifetime
{
    private string _token = "";
    private string _spaceId = "";

    public async Task InitializeAsync()
    {
        await sim.ResetAsync();
        _token = await sim.AccessTokenAsync();
        _spaceId = (await sim.GetJsonAsync(sim.Api("/api/v2/spaces?keys=ENG"), _token)).GetProperty("results")[0].GetProperty("id").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> CreateAsync(string title)
    {
        using var response = await sim.SendAsync(HttpMethod.Post, sim.Api("/api/v2/pages"), _token,
            new { spaceId = _spaceId, status = "current", title, body = new { representation = "storage", value = "<p>v1</p>" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SimulatorFixture.ReadJsonAsync(response);
    }

    private Task<HttpResponseMessage> UpdateAsync(string id, int version, string title = "Edited") =>
        sim.SendAsync(HttpMethod.Put, sim.Api($"/api/v2/pages/{id}"), _token,
            new { id, status = "current", title, body = new { representation = "storage", value = "<p>v2</p>" }, version = new { number = version, message = "edit" } });

    [Fact]
    public async Task Update_with_a_stale_version_is_409()
    {
        var id = (await CreateAsync("Versioned")).GetProperty("id").GetString()!;
        using (var ok = await UpdateAsync(id, 2))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var stale = await UpdateAsync(id, 2);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("CONFLICT", (await SimulatorFixture.ReadJsonAsync(stale)).GetProperty("errors")[0].GetProperty("code").GetString());
        var page = await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{id}?body-format=storage"), _token);
        Assert.Equal(2, page.GetProperty("version").GetProperty("number").GetInt32());
        Assert.Equal("<p>v2</p>", page.GetProperty("body").GetProperty("storage").GetProperty("value").GetString());
        var first = await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{id}?body-format=storage&version=1"), _token);
        Assert.Equal("Versioned", first.GetProperty("title").GetString());
        Assert.Equal("<p>v1</p>", first.GetProperty("body").GetProperty("storage").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Parallel_writers_and_readers_keep_the_store_consistent()
    {
        var id = (await CreateAsync("Contended")).GetProperty("id").GetString()!;
        var writers = Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await UpdateAsync(id, 2, $"Writer {i}");
            return response.StatusCode;
        });
        var readers = Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await sim.SendAsync(HttpMethod.Get, sim.Api("/api/v2/pages?limit=250&body-format=storage"), _token);
            return response.StatusCode;
        });
        var writes = await Task.WhenAll(writers);
        var reads = await Task.WhenAll(readers);
        Assert.Equal(1, writes.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(19, writes.Count(s => s == HttpStatusCode.Conflict));
        Assert.All(reads, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task Delete_moves_to_trash_and_purge_removes_for_good()
    {
        var id = (await CreateAsync("Doomed")).GetProperty("id").GetString()!;
        using (var purgeCurrent = await sim.SendAsync(HttpMethod.Delete, sim.Api($"/api/v2/pages/{id}?purge=true"), _token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, purgeCurrent.StatusCode);
        }
        using (var trash = await sim.SendAsync(HttpMethod.Delete, sim.Api($"/api/v2/pages/{id}"), _token))
        {
            Assert.Equal(HttpStatusCode.NoContent, trash.StatusCode);
        }
        using (var gone = await sim.SendAsync(HttpMethod.Get, sim.Api($"/api/v2/pages/{id}"), _token))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        var trashed = await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{id}?status=trashed"), _token);
        Assert.Equal("trashed", trashed.GetProperty("status").GetString());
        using (var purge = await sim.SendAsync(HttpMethod.Delete, sim.Api($"/api/v2/pages/{id}?purge=true"), _token))
        {
            Assert.Equal(HttpStatusCode.NoContent, purge.StatusCode);
        }
        using var purged = await sim.SendAsync(HttpMethod.Get, sim.Api($"/api/v2/pages/{id}?status=trashed"), _token);
        Assert.Equal(HttpStatusCode.NotFound, purged.StatusCode);
    }

    [Fact]
    public async Task Hierarchy_endpoints_walk_the_tree()
    {
        var parent = (await CreateAsync("Parent")).GetProperty("id").GetString()!;
        using var child = await sim.SendAsync(HttpMethod.Post, sim.Api("/api/v2/pages"), _token,
            new { spaceId = _spaceId, title = "Child", parentId = parent, body = new { representation = "storage", value = "<p>c</p>" } });
        var childId = (await SimulatorFixture.ReadJsonAsync(child)).GetProperty("id").GetString();
        var children = await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{parent}/children"), _token);
        Assert.Equal(childId, Assert.Single(children.GetProperty("results").EnumerateArray()).GetProperty("id").GetString());
        var direct = await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{parent}/direct-children"), _token);
        Assert.Equal("page", direct.GetProperty("results")[0].GetProperty("type").GetString());
        var ancestors = await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{childId}/ancestors"), _token);
        Assert.Equal(parent, ancestors.GetProperty("results").EnumerateArray().Last().GetProperty("id").GetString());
        var homeId = (await sim.GetJsonAsync(sim.Api($"/api/v2/spaces/{_spaceId}"), _token)).GetProperty("homepageId").GetString();
        var descendants = await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{homeId}/descendants?limit=250"), _token);
        Assert.Contains(descendants.GetProperty("results").EnumerateArray(), d => d.GetProperty("id").GetString() == childId && d.GetProperty("depth").GetInt32() == 2);
    }

    [Fact]
    public async Task View_and_adf_bodies_are_rendered_from_storage()
    {
        var homeId = (await sim.GetJsonAsync(sim.Api($"/api/v2/spaces/{_spaceId}"), _token)).GetProperty("homepageId").GetString();
        var view = (await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{homeId}?body-format=view"), _token)).GetProperty("body").GetProperty("view").GetProperty("value").GetString()!;
        Assert.Contains("<pre class=\"syntaxhighlighter-pre\">", view, StringComparison.Ordinal);
        Assert.Contains("confluence-information-macro", view, StringComparison.Ordinal);
        Assert.DoesNotContain("ac:structured-macro", view, StringComparison.Ordinal);
        var adf = (await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{homeId}?body-format=atlas_doc_format"), _token)).GetProperty("body").GetProperty("atlas_doc_format").GetProperty("value").GetString()!;
        using var doc = JsonDocument.Parse(adf);
        Assert.Equal("doc", doc.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task V1_labels_and_attachment_upload()
    {
        var id = (await CreateAsync("Labelled")).GetProperty("id").GetString()!;
        using (var add = await sim.SendAsync(HttpMethod.Post, sim.Api($"/rest/api/content/{id}/label"), _token, new[] { new { prefix = "global", name = "alpha" } }))
        {
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        }
        var labels = await sim.GetJsonAsync(sim.Api($"/api/v2/pages/{id}/labels"), _token);
        Assert.Equal("alpha", labels.GetProperty("results")[0].GetProperty("name").GetString());
        var found = await sim.GetJsonAsync(sim.Api("/rest/api/search?cql=" + Uri.EscapeDataString("label = alpha")), _token);
        Assert.Equal(1, found.GetProperty("totalSize").GetInt32());
        using (var remove = await sim.SendAsync(HttpMethod.Delete, sim.Api($"/rest/api/content/{id}/label/alpha"), _token))
        {
            Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        }

        async Task<HttpResponseMessage> Upload(bool withHeader)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sim.Api($"/rest/api/content/{id}/child/attachment"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            if (withHeader)
            {
                request.Headers.Add("X-Atlassian-Token", "no-check");
            }
            var form = new MultipartFormDataContent { { new ByteArrayContent("hello"u8.ToArray()), "file", "hello.txt" } };
            request.Content = form;
            return await sim.Http.SendAsync(request);
        }
        using (var rejected = await Upload(withHeader: false))
        {
            Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
        }
        using var uploaded = await Upload(withHeader: true);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var attachment = (await SimulatorFixture.ReadJsonAsync(uploaded)).GetProperty("results")[0];
        var download = attachment.GetProperty("_links").GetProperty("download").GetString();
        using var file = await sim.SendAsync(HttpMethod.Get, sim.Api(download!), _token);
        Assert.Equal("hello", await file.Content.ReadAsStringAsync());
    }
}
