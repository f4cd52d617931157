using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Console.Tests.Infrastructure;
using Platform.Demo;
using Platform.Grains;
using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Console.Tests;

/// <summary>
/// The seeds' admin's day in a real browser, in order: the operator creates and activates a tenant and makes its first
/// admin; the admin completes the integration against the simulator, approves tools, builds a toolset and an access
/// profile; a person signs in with Atlassian, connects, issues a key; a real MCP client calls a tool with it; the audit
/// page shows the call. Another tenant's admin then can neither see nor change any of it. Every page passes axe.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class AdminDayTests(ConsoleFixture console)
{
    private const string Toolset = "readers";
    private const string Profile = "reading-staff";

    [Fact]
    public async Task An_organisation_goes_from_creation_to_an_audited_call_and_stays_its_own()
    {
        var tenant = TenantId.Parse($"c{Guid.NewGuid():N}"[..12]);
        var adminKey = await OperatorCreatesAndActivatesAsync(tenant);
        var admin = await console.NewPersonAsync();
        await ConsoleFixture.SignInWithKeyAsync(admin, adminKey, tenant);
        await ConsoleFixture.AssertAccessibleAsync(admin, "overview");

        await CompleteIntegrationAsync(admin, tenant);
        await ApproveEveryToolAsync(admin, tenant);
        var email = await console.Playground.CreateAtlassianAccountAsync(displayName: "Dana Reader");
        await AddUserAsync(admin, tenant, "dana", email, "Member");
        await BuildToolsetAndProfileAsync(admin, tenant, "dana");

        var dana = await console.NewPersonAsync();
        await SignInWithAtlassianAsync(dana, tenant, email);
        await ConnectAtlassianAsync(dana, tenant, email);
        var key = await IssueKeyAsync(dana, "laptop", screenshot: "account");

        await using (var client = await console.ConnectMcpClientAsync(tenant, key))
        {
            var answer = await client.CallToolAsync("list_spaces");
            Assert.NotEqual(true, answer.IsError);
        }

        await ConsoleFixture.OpenAsync(admin, $"/console/t/{tenant}/audit?tool=list_spaces");
        var rows = admin.Locator("table tbody tr").Filter(new() { HasText = "list_spaces" });
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("dana");
        await ConsoleFixture.OpenAsync(admin, $"/console/t/{tenant}/audit");
        await Assertions.Expect(admin.Locator("#chain-heading + *")).ToContainTextAsync("intact", new() { IgnoreCase = true });
        await ConsoleFixture.AssertAccessibleAsync(admin, "audit");
        await ConsoleFixture.OpenAsync(admin, $"/console/t/{tenant}");
        await ConsoleFixture.AssertAccessibleAsync(admin, "overview");

        await AnotherTenantsAdminIsKeptOutAsync(tenant);
    }

    /// <summary>The operator's part: the tenant, its activation, its first admin and that admin's key (shown once).</summary>
    private async Task<string> OperatorCreatesAndActivatesAsync(TenantId tenant)
    {
        var page = await console.NewPersonAsync();
        await ConsoleFixture.SignInWithKeyAsync(page, ConsoleFixture.OperatorKey);
        await ConsoleFixture.OpenAsync(page, "/console/tenants");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync(tenant.Value);
        await page.GetByLabel("Display name").FillAsync("Console test organisation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Tenant '{tenant}' created");
        var row = page.Locator("tbody tr").Filter(new() { HasText = tenant.Value });
        await row.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = tenant.Value })).ToContainTextAsync("Active");
        await ConsoleFixture.AssertAccessibleAsync(page, "tenants");

        await AddUserAsync(page, tenant, "ada", "ada@example.test", "Admin");
        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/users/ada");
        var key = await IssueKeyAsync(page, "console", screenshot: "user", admin: true);
        await page.Context.CloseAsync();
        return key;
    }

    private async Task CompleteIntegrationAsync(IPage page, TenantId tenant)
    {
        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/integration");
        await Assertions.Expect(page.Locator("#callback-url")).ToHaveTextAsync(new Uri(console.GatewayUrl, "integration-callback").AbsoluteUri);
        await ConsoleFixture.AssertAccessibleAsync(page);
        var families = await page.Locator(".family-name").AllTextContentsAsync();
        Assert.Contains(families, family => family.StartsWith("Pages", StringComparison.Ordinal));
        Assert.Contains(families, family => family.StartsWith("Comments", StringComparison.Ordinal));

        foreach (var scope in await page.Locator("input[name='Settings.Scopes']").AllAsync())
        {
            if (Playground.AllScopes.Contains(await scope.GetAttributeAsync("value")))
            {
                await scope.CheckAsync();
            }
        }

        await page.GetByLabel("Client id").FillAsync(ConsoleFixture.AppClientId);
        await page.GetByLabel("Site URL").FillAsync(console.Playground.SiteUrl.AbsoluteUri);
        await page.GetByLabel("Cloud id").FillAsync(console.Playground.CloudId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();

        // A wrong secret is stored but fails the test: the test proves, it does not just look.
        await page.GetByLabel("Client secret").FillAsync("not-the-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save secret" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the credentials" }).ClickAsync();
        await Assertions.Expect(page.Locator("#test-result")).ToContainTextAsync("Not proved");

        await page.GetByLabel("New client secret").FillAsync(ConsoleFixture.AppClientSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
        await Assertions.Expect(page.GetByText(ConsoleFixture.AppClientSecret)).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test the credentials" }).ClickAsync();
        await Assertions.Expect(page.Locator("#test-result")).ToContainTextAsync("Proved");
        Assert.DoesNotContain(ConsoleFixture.AppClientSecret, await page.ContentAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AssertAccessibleAsync(page, "integration");
    }

    private static async Task ApproveEveryToolAsync(IPage page, TenantId tenant)
    {
        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/tools");
        await Assertions.Expect(page.Locator("tbody")).ToContainTextAsync("Pending review");
        foreach (var box in await page.Locator("input[name='Decide.Selected']").AllAsync())
        {
            await box.CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve selected" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tbody")).Not.ToContainTextAsync("Pending review");
        await ConsoleFixture.AssertAccessibleAsync(page, "tools");

        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/tools/list_spaces");
        await ConsoleFixture.AssertAccessibleAsync(page);
    }

    private static async Task AddUserAsync(IPage page, TenantId tenant, string id, string email, string role)
    {
        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/users");
        await page.GetByLabel("User id").FillAsync(id);
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Role").SelectOptionAsync(role);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = id })).ToHaveCountAsync(1);
        await ConsoleFixture.AssertAccessibleAsync(page, "users");
    }

    private static async Task BuildToolsetAndProfileAsync(IPage page, TenantId tenant, string user)
    {
        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/toolsets");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(Toolset);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "list_spaces", Exact = false }).First.CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "get_page", Exact = false }).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create toolset" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = Toolset })).ToHaveCountAsync(1);
        await ConsoleFixture.AssertAccessibleAsync(page, "toolsets");

        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/access-profiles");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(Profile);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = Toolset, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = user, Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create access profile" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = Profile })).ToHaveCountAsync(1);
        await ConsoleFixture.AssertAccessibleAsync(page, "access-profiles");

        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/groups");
        await ConsoleFixture.AssertAccessibleAsync(page);
        await ConsoleFixture.OpenAsync(page, $"/console/t/{tenant}/rate-limits");
        await ConsoleFixture.AssertAccessibleAsync(page, "rate-limits");
    }

    /// <summary>The person's way in: their organisation's id, then Atlassian's consent page as that person.</summary>
    private async Task SignInWithAtlassianAsync(IPage page, TenantId tenant, string email)
    {
        await ConsoleFixture.OpenAsync(page, "/console/signin");
        await ConsoleFixture.AssertAccessibleAsync(page, "signin");
        await page.GetByLabel("Organisation id").First.FillAsync(tenant.Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await ConsentAtAtlassianAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/console/t/{tenant}/account$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("My account");
    }

    /// <summary>
    /// Signing in with Atlassian connects the person already; they disconnect (the tokens go), connect again through
    /// Atlassian's consent, and come back to their account page connected.
    /// </summary>
    private async Task ConnectAtlassianAsync(IPage page, TenantId tenant, string email)
    {
        var connection = page.Locator("[aria-labelledby='connection-heading']");
        await Assertions.Expect(connection.Locator(".badge")).ToHaveTextAsync("Connected");
        await connection.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Assertions.Expect(connection).ToContainTextAsync("Disconnected");
        Assert.Equal(ConnectionStatus.Disconnected, (await console.Playground.Grains.GetUserConnectionGrain(tenant, UserId.Parse("dana")).GetConnectionAsync()).Status);

        await connection.GetByRole(AriaRole.Button, new() { Name = "Connect Atlassian" }).ClickAsync();
        // The link first opens the gateway's page naming whom the account will be connected to.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Connect your Atlassian account");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("dana");
        await ConsoleFixture.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to Atlassian" }).ClickAsync();
        await ConsentAtAtlassianAsync(page, email);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/console/t/{tenant}/account$"));
        await Assertions.Expect(connection.GetByRole(AriaRole.Button, new() { Name = "Reconnect" })).ToBeVisibleAsync();
        await Assertions.Expect(connection.Locator(".badge")).ToHaveTextAsync("Connected");
    }

    private async Task ConsentAtAtlassianAsync(IPage page, string email)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(console.Playground.SimulatorUrl.AbsoluteUri)}"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
    }

    /// <summary>Issues a key on the page's API keys section and reads it the one time it is shown.</summary>
    private static async Task<string> IssueKeyAsync(IPage page, string name, string screenshot, bool admin = false)
    {
        await page.Locator("#key-name").FillAsync(name);
        if (admin)
        {
            await page.Locator("#key-admin").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Issue a key" }).ClickAsync();
        var key = (await page.Locator("#issued-key").TextContentAsync())!.Trim();
        await ConsoleFixture.AssertAccessibleAsync(page);
        await page.GotoAsync(page.Url);
        await Assertions.Expect(page.Locator("#issued-key")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        await ConsoleFixture.AssertAccessibleAsync(page, screenshot);
        return key;
    }

    /// <summary>
    /// An admin of another organisation, signed in with their own key: every page of the first is a 403 that names
    /// nothing of it, and a form posted at it (with their valid antiforgery token) changes nothing.
    /// </summary>
    private async Task AnotherTenantsAdminIsKeptOutAsync(TenantId tenant)
    {
        // Not active yet, so its admin signs in with a key (an active one would send them to its own sign-in).
        var other = await console.Playground.CreateTenantAsync(TenantId.Parse($"o{Guid.NewGuid():N}"[..12]), "Other organisation");
        var intruder = UserId.Parse("eve");
        await console.Playground.Grains.GetTenantGovernanceGrain(other).CreateUserAsync(new DirectoryUser(intruder, null, "eve@example.test", true, DirectoryRole.Admin));
        var key = await console.Playground.IssueKeyAsync(other, intruder, scopes: ApiKeyScopes.All);
        var page = await console.NewPersonAsync();
        await ConsoleFixture.SignInWithKeyAsync(page, key, other);

        foreach (var path in new[] { "", "/integration", "/tools", "/tools/list_spaces", "/toolsets", "/access-profiles", "/users", "/users/dana", "/groups", "/rate-limits", "/audit", "/audit/export", "/account" })
        {
            var response = await page.GotoAsync($"/console/t/{tenant}{path}");
            Assert.Equal(403, response!.Status);
            Assert.DoesNotContain("dana", await page.ContentAsync(), StringComparison.Ordinal);
        }

        // Their own users page gives a real form and token; aimed at the first organisation, it is refused.
        await ConsoleFixture.OpenAsync(page, $"/console/t/{other}/users");
        var token = await page.Locator("form:has(#user-id) input[name='__RequestVerificationToken']").GetAttributeAsync("value");
        var posted = await page.APIRequest.PostAsync($"/console/t/{tenant}/users", new()
        {
            Form = page.APIRequest.CreateFormData().Set("_handler", "add").Set("__RequestVerificationToken", token!).Set("Add.Id", "mallory").Set("Add.Role", "Admin"),
        });
        Assert.Equal(403, posted.Status);
        Assert.Null(await console.Playground.Grains.GetTenantGovernanceGrain(tenant).GetUserAsync(UserId.Parse("mallory")));
        await page.Context.CloseAsync();
    }
}
