using System.Net;
using System.Net.Sockets;
using Platform.Outbound;

namespace Platform.Grains.Tests;

/// <summary>
/// The connect-time check every tenant-influenced outbound connection goes through: it judges the address a name
/// resolves to, so a harmless-looking name that resolves to loopback (the DNS-rebinding trick) is refused too.
/// </summary>
public sealed class PrivateAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:a9fe:a9fe::1")]
    public void Private_loopback_link_local_and_metadata_addresses_are_not_public(string address) =>
        Assert.False(PrivateAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("104.192.136.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("64:ff9b::6810:1")]
    public void Public_addresses_are(string address) => Assert.True(PrivateAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_before_a_connection_is_made()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient(PrivateAddressGuard.CreateHandler(HostAllowList.Empty, TimeSpan.FromSeconds(5)));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri($"http://localhost:{port}/")));

        Assert.NotNull(DestinationRefusedException.Find(failure));
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task A_host_the_operator_named_is_reached_even_on_loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var http = new HttpClient(PrivateAddressGuard.CreateHandler(HostAllowList.Parse([$"localhost:{port}"]), TimeSpan.FromSeconds(5)));

        var request = http.GetAsync(new Uri($"http://localhost:{port}/"));
        using var accepted = await listener.AcceptTcpClientAsync();
        await using (var stream = accepted.GetStream())
        {
            await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
        }

        using var response = await request;
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://acme.atlassian.net")]
    [InlineData("acme.example/path")]
    [InlineData("")]
    [InlineData("*.*.example")]
    public void Entries_that_are_not_host_patterns_are_refused(string entry) =>
        Assert.Throws<FormatException>(() => HostAllowList.Parse([entry]));
}
