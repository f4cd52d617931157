using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Platform.Console.Tests.Infrastructure;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Grains.Tenants;

namespace Platform.Console.Tests;

/// <summary>The console's session cookie, antiforgery, refusals of bad input, and the operator's guarded deletion.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SessionAndFormTests(ConsoleFixture console)
{
    [Fact]
    public async Task Nobody_signed_in_is_sent_to_sign_in_and_a_wrong_key_gets_an_inline_message_and_no_session()
    {
        var page = await console.NewPersonAsync();
        await ConsoleFixture.OpenAsync(page, "/console/tenants");
        Assert.EndsWith("/console/signin?returnUrl=%2Fconsole%2Ftenants", page.Url, StringComparison.Ordinal);

        await ConsoleFixture.OpenAsync(page, "/console");
        await ConsoleFixture.AssertAccessibleAsync(page);
        await ConsoleFixture.OpenAsync(page, "/console/signin");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync("not-the-operator-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That key is not the operator key");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), cookie => cookie.Name == "__platform_console");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_SameSite_strict_and_scoped_to_the_console()
    {
        var page = await console.NewPersonAsync();
        await ConsoleFixture.SignInWithKeyAsync(page, ConsoleFixture.OperatorKey);

        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, cookie => cookie.Name == "__platform_console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Equal("/console", session.Path);
        // Secure everywhere but loopback, where this test runs over plain HTTP.
        Assert.False(session.Secure);
        Assert.All(cookies.Where(cookie => cookie.Name.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)), cookie => Assert.True(cookie.HttpOnly));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.cookie.length"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var page = await console.NewPersonAsync();
        await ConsoleFixture.SignInWithKeyAsync(page, ConsoleFixture.OperatorKey);
        var tenant = TenantId.Parse($"f{Guid.NewGuid():N}"[..12]);

        var posted = await page.APIRequest.PostAsync("/console/tenants", new()
        {
            Form = page.APIRequest.CreateFormData().Set("_handler", "create").Set("Create.Id", tenant.Value).Set("Create.DisplayName", "Forged"),
        });

        Assert.Equal(400, posted.Status);
        Assert.Null(await console.Playground.Grains.GetTenantGrain(tenant).GetAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bad_input_gets_an_inline_message_and_changes_nothing()
    {
        var page = await console.NewPersonAsync();
        await ConsoleFixture.SignInWithKeyAsync(page, ConsoleFixture.OperatorKey);
        await ConsoleFixture.OpenAsync(page, "/console/tenants");
        var before = await page.Locator("tbody tr").CountAsync();
        // As a client without HTML validation would send it.
        await page.Locator("#tenant-id").EvaluateAsync("input => input.removeAttribute('pattern')");
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("Not An Id!");
        await page.GetByLabel("Display name").FillAsync("Bad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Nothing was changed.");
        await Assertions.Expect(page.Locator("#tenant-id-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(before);
        await ConsoleFixture.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_operator_deletes_a_tenant_only_after_typing_its_id()
    {
        var tenant = await console.Playground.CreateTenantAsync(TenantId.Parse($"d{Guid.NewGuid():N}"[..12]), "To delete");
        var page = await console.NewPersonAsync();
        await ConsoleFixture.SignInWithKeyAsync(page, ConsoleFixture.OperatorKey);
        await ConsoleFixture.OpenAsync(page, $"/console/tenants/{tenant}/delete");
        await ConsoleFixture.AssertAccessibleAsync(page);

        await page.GetByLabel("Type the tenant id to confirm").FillAsync("something-else");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {tenant} for good" }).ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-error")).ToContainTextAsync($"Type {tenant} exactly.");
        Assert.Equal(TenantStatus.Created, (await console.Playground.Grains.GetTenantGrain(tenant).GetAsync())!.Status);

        await page.GetByLabel("Type the tenant id to confirm").FillAsync(tenant.Value);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {tenant} for good" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/tenants$"));
        Assert.Equal(TenantStatus.Deleted, (await console.Playground.Grains.GetTenantGrain(tenant).GetAsync())!.Status);
        await page.Context.CloseAsync();
    }
}
