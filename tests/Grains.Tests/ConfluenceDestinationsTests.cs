using Microsoft.Extensions.Options;
using Platform.Atlassian;
using Platform.Grains.Confluence;

namespace Platform.Grains.Tests;

/// <summary>Which sites a tenant may name and where a download may be redirected, with and without the operator's allow-list.</summary>
public sealed class ConfluenceDestinationsTests
{
    private static readonly ConfluenceDestinations Production = Destinations();

    [Theory]
    [InlineData("https://acme.atlassian.net")]
    [InlineData("https://acme.atlassian.net/")]
    [InlineData("https://ACME-eu.Atlassian.NET")]
    public void Atlassian_sites_are_accepted(string site) => Assert.Null(Production.SiteProblem(new Uri(site)));

    [Theory]
    [InlineData("http://acme.atlassian.net")]
    [InlineData("https://acme.atlassian.net:8443")]
    [InlineData("https://acme.atlassian.net/wiki")]
    [InlineData("https://a.b.atlassian.net")]
    [InlineData("https://atlassian.net")]
    [InlineData("https://acme.atlassian.net.evil.example")]
    [InlineData("https://acmeatlassian.net")]
    [InlineData("https://-acme.atlassian.net")]
    [InlineData("https://acme.atlassian.net?x=1")]
    [InlineData("https://user:pw@acme.atlassian.net")]
    [InlineData("http://10.0.0.1")]
    [InlineData("http://169.254.169.254/")]
    [InlineData("http://127.0.0.1:5070/site/sim-site-1")]
    [InlineData("https://[::1]/")]
    [InlineData("ftp://acme.atlassian.net")]
    public void Anything_else_is_refused_without_an_operator_pattern(string site) => Assert.NotNull(Production.SiteProblem(new Uri(site)));

    [Theory]
    [InlineData("http://127.0.0.1:5070/site/sim-site-1", true)]
    [InlineData("http://127.0.0.1:5071/site/sim-site-1", false)]
    [InlineData("https://wiki.corp.example/confluence", true)]
    [InlineData("https://corp.example/", false)]
    public void The_operators_patterns_allow_their_hosts_only(string site, bool allowed)
    {
        var destinations = Destinations("127.0.0.1:5070", "*.corp.example");

        Assert.Equal(allowed, destinations.SiteProblem(new Uri(site)) is null);
    }

    [Theory]
    [InlineData("https://api.media.atlassian.com/file/1/binary?token=t", true)]
    [InlineData("https://acme.atlassian.net/wiki/download/x", true)]
    [InlineData("https://api.example.test/ex/confluence/c/wiki/x", true)]
    [InlineData("http://api.media.atlassian.com/file/1/binary", false)]
    [InlineData("https://api.media.atlassian.com:444/file/1/binary", false)]
    [InlineData("https://media.atlassian.com.evil.example/", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("http://127.0.0.1:8080/", false)]
    public void Redirects_go_to_atlassian_hosts_only(string target, bool allowed) =>
        Assert.Equal(allowed, Production.MayRedirectTo(new Uri(target)));

    [Fact]
    public void Only_operator_named_hosts_are_exempt_from_the_address_check()
    {
        var destinations = Destinations("127.0.0.1:5070");

        Assert.True(destinations.AddressCheckExemptions.Matches("127.0.0.1", 5070));
        Assert.True(destinations.AddressCheckExemptions.Matches("api.example.test", 443));
        Assert.False(destinations.AddressCheckExemptions.Matches("127.0.0.1", 5071));
        Assert.False(destinations.AddressCheckExemptions.Matches("acme.atlassian.net", 443));
    }

    private static ConfluenceDestinations Destinations(params string[] allowedSiteHosts)
    {
        var confluence = new ConfluenceOptions();
        foreach (var host in allowedSiteHosts)
        {
            confluence.AllowedSiteHosts.Add(host);
        }

        return new ConfluenceDestinations(Options.Create(confluence), Options.Create(new AtlassianOptions { ApiBaseUrl = new Uri("https://api.example.test/") }));
    }
}
