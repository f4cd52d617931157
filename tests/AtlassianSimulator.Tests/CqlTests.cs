using System.Net;
using AtlassianSimulator.Cql;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

public sealed class CqlParserTests
{
    [Fact]
    public void And_binds_tighter_than_or()
    {
        var query = CqlParser.Parse("type = page OR type = blogpost AND space = ENG");
        var or = Assert.IsType<CqlOr>(query.Where);
        Assert.IsType<CqlClause>(or.Left);
        Assert.IsType<CqlAnd>(or.Right);
    }

    [Fact]
    public void Parentheses_not_in_and_order_by()
    {
        var query = CqlParser.Parse("(type = page OR type = blogpost) AND NOT label IN (draft, \"old one\") ORDER BY lastmodified DESC, title");
        var and = Assert.IsType<CqlAnd>(query.Where);
        Assert.IsType<CqlOr>(and.Left);
        var clause = Assert.IsType<CqlClause>(Assert.IsType<CqlNot>(and.Right).Inner);
        Assert.Equal("IN", clause.Operator);
        Assert.Equal(["draft", "old one"], clause.Values.Select(v => v.Text));
        Assert.Equal([new CqlOrder("lastmodified", true), new CqlOrder("title", false)], query.OrderBy);
    }

    [Fact]
    public void Functions_and_comparison_operators()
    {
        var clause = Assert.IsType<CqlClause>(CqlParser.Parse("created >= now(\"-7d\")").Where);
        Assert.Equal(">=", clause.Operator);
        Assert.Equal(new CqlValue("-7d", "now"), clause.Values[0]);
        Assert.Equal("!~", Assert.IsType<CqlClause>(CqlParser.Parse("title !~ 'x'").Where).Operator);
        Assert.Equal("NOT IN", Assert.IsType<CqlClause>(CqlParser.Parse("space NOT IN (A, B)").Where).Operator);
    }

    [Fact]
    public void Order_by_only_query_has_no_condition()
    {
        var query = CqlParser.Parse("order by created");
        Assert.Null(query.Where);
        Assert.Single(query.OrderBy);
    }

    [Theory]
    [InlineData("type =")]
    [InlineData("type = page AND")]
    [InlineData("(type = page")]
    [InlineData("title ~ \"unterminated")]
    [InlineData("type page")]
    [InlineData("type = page ORDER title")]
    [InlineData("type ! page")]
    public void Malformed_queries_throw(string cql) => Assert.Throws<CqlException>(() => CqlParser.Parse(cql));
}

[Collection(SimulatorCollection.Name)]
public sealed class CqlSearchTests(SimulatorFixture sim) : IAsyncLifetime
{
    private string _token = "";

    public async Task InitializeAsync()
    {
        await sim.ResetAsync();
        _token = await sim.AccessTokenAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<System.Text.Json.JsonElement> SearchAsync(string cql, string extra = "") =>
        await sim.GetJsonAsync(sim.Api("/rest/api/search?limit=250&cql=" + Uri.EscapeDataString(cql) + extra), _token);

    [Fact]
    public async Task Type_space_and_label_filter()
    {
        var result = await SearchAsync("type = page AND space = ENG AND label = runbook");
        Assert.True(result.GetProperty("totalSize").GetInt32() > 0);
        foreach (var r in result.GetProperty("results").EnumerateArray())
        {
            Assert.Equal("page", r.GetProperty("content").GetProperty("type").GetString());
            Assert.Equal("Engineering", r.GetProperty("resultGlobalContainer").GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task Text_and_title_contains()
    {
        var text = await SearchAsync("text ~ \"item7\"");
        Assert.Equal(1, text.GetProperty("totalSize").GetInt32());
        var title = await SearchAsync("title ~ \"notes 8\" AND type = page");
        Assert.Contains(title.GetProperty("results").EnumerateArray(), r => r.GetProperty("title").GetString() == "Architecture notes 8");
    }

    [Fact]
    public async Task Ancestor_parent_and_ordering()
    {
        var home = (await sim.GetJsonAsync(sim.Api("/api/v2/spaces?keys=ENG"), _token)).GetProperty("results")[0].GetProperty("homepageId").GetString();
        var underHome = await SearchAsync($"ancestor = {home} ORDER BY title DESC");
        var titles = underHome.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()!).ToList();
        Assert.NotEmpty(titles);
        Assert.Equal(titles.OrderByDescending(t => t, StringComparer.Ordinal), titles);
        var children = await SearchAsync($"parent = {home}");
        Assert.True(children.GetProperty("totalSize").GetInt32() <= underHome.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task Dates_and_now_function()
    {
        Assert.Equal(0, (await SearchAsync("type = page AND created > now(\"-7d\")")).GetProperty("totalSize").GetInt32());
        var old = await SearchAsync("type = page AND created < \"2026-01-01\" AND lastmodified >= \"2024-01-01\"");
        Assert.True(old.GetProperty("totalSize").GetInt32() > 0);
    }

    [Fact]
    public async Task Or_and_not()
    {
        var blogs = (await SearchAsync("type = blogpost")).GetProperty("totalSize").GetInt32();
        var pages = (await SearchAsync("type = page")).GetProperty("totalSize").GetInt32();
        Assert.Equal(blogs + pages, (await SearchAsync("type = page OR type = blogpost")).GetProperty("totalSize").GetInt32());
        Assert.Equal(pages, (await SearchAsync("type IN (page, blogpost) AND NOT type = blogpost")).GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task Bad_cql_is_a_v1_400()
    {
        using var response = await sim.SendAsync(HttpMethod.Get, sim.Api("/rest/api/search?cql=" + Uri.EscapeDataString("type = ")), _token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await SimulatorFixture.ReadJsonAsync(response);
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("Could not parse cql", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        using var unknown = await sim.SendAsync(HttpMethod.Get, sim.Api("/rest/api/search?cql=" + Uri.EscapeDataString("colour = red")), _token);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Content_search_and_user_search()
    {
        var content = await sim.GetJsonAsync(sim.Api("/rest/api/content/search?expand=body.storage,version,space,ancestors&cql=" + Uri.EscapeDataString("type = page AND space = PRO")), _token);
        var first = content.GetProperty("results")[0];
        Assert.StartsWith("<h1>", first.GetProperty("body").GetProperty("storage").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal("PRO", first.GetProperty("space").GetProperty("key").GetString());
        var users = await sim.GetJsonAsync(sim.Api("/rest/api/search/user?cql=" + Uri.EscapeDataString("type = user AND user.fullname ~ \"bob\"")), _token);
        Assert.Equal("bob@example.com", users.GetProperty("results")[0].GetProperty("user").GetProperty("email").GetString());
    }
}
