using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>Connect links followed as their owner would in a browser.</summary>
internal static class ConnectLinks
{
    /// <summary>
    /// Opens <paramref name="link"/> (the gateway's page naming user and organisation), continues to Atlassian, consents
    /// at the simulator as the account <paramref name="email"/>, and answers the callback URL it was sent back to, not
    /// yet opened.
    /// </summary>
    public static async Task<Uri> ConsentAsync(Uri link, HttpClient simulator, string email)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using (var page = await browser.GetAsync(link))
        {
            page.EnsureSuccessStatusCode();
        }

        using var onward = await browser.GetAsync(new Uri(link, $"connect/continue{link.Query}"));
        Assert.True(onward.StatusCode == HttpStatusCode.Redirect && onward.Headers.Location is not null, $"The connect page did not continue to Atlassian: {(int)onward.StatusCode}");
        using var consent = await simulator.GetAsync(new Uri(QueryHelpers.AddQueryString(onward.Headers.Location!.AbsoluteUri, "login_hint", email)));
        Assert.True(consent.StatusCode == HttpStatusCode.Redirect && consent.Headers.Location is not null, $"Consent did not return to the gateway: {(int)consent.StatusCode}");
        return consent.Headers.Location!;
    }
}
