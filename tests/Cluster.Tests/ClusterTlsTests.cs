using Orleans.Runtime.Messaging;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Grains;
using Platform.Grains.Identity;
using Platform.Hosting;

namespace Platform.Cluster.Tests;

/// <summary>
/// Issue 11, path 4: the cluster's ports speak mutual TLS. Someone who reaches a silo's gateway port without a
/// certificate from the cluster's CA cannot join as a client or call any grain.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsTests(PostgresFixture postgres)
{
    /// <summary>A member joins in about a second; an outsider is given far longer and must still be outside.</summary>
    private static readonly TimeSpan OutsiderPatience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Only_a_client_with_a_certificate_from_the_cluster_CA_can_join_and_call_a_grain()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var silo = await cluster.StartSiloAsync();
        using var foreignAuthority = new ThrowawayCertificates("Someone else's CA");
        var tenant = TenantId.Parse($"t-{Guid.NewGuid():N}"[..30]);

        // Plain TCP, as before TLS: the Orleans handshake never gets past the silo's TLS listener.
        using (var patience = new CancellationTokenSource(OutsiderPatience))
        {
            await AssertCannotJoin(() => cluster.ConnectClientThroughAsync(silo, tls: null, patience.Token));
        }

        // A well-formed certificate from another CA. The intruder trusts both CAs, so the silo's genuine certificate
        // satisfies it and only the silo's check of the client certificate stands in the way.
        var intruder = foreignAuthority.IssueMember("intruder");
        intruder.AuthorityPath = Path.Combine(Path.GetDirectoryName(intruder.CertificatePath)!, "both-authorities.crt");
        await File.WriteAllTextAsync(
            intruder.AuthorityPath, $"{await File.ReadAllTextAsync(foreignAuthority.AuthorityPath)}\n{await File.ReadAllTextAsync(cluster.Certificates.AuthorityPath)}\n");
        using (var patience = new CancellationTokenSource(OutsiderPatience))
        {
            await AssertCannotJoin(() => cluster.ConnectClientThroughAsync(silo, intruder, patience.Token));
        }

        var member = await cluster.ConnectClientThroughAsync(silo, cluster.Certificates.IssueMember("api"));
        await member.GetTenantGrain(tenant).CreateAsync("Reached over mutual TLS");
        Assert.Equal("Reached over mutual TLS", (await member.GetTenantGrain(tenant).GetAsync())!.DisplayName);
    }

    /// <summary>Refused by the silo (connection failed, or still outside when patience ran out), not by a local misconfiguration.</summary>
    private static async Task AssertCannotJoin(Func<Task> join)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(join);
        Assert.True(refused is ConnectionFailedException or OperationCanceledException, refused.ToString());
    }

    [Fact]
    public async Task Cluster_mode_without_a_certificate_refuses_to_start_unless_TLS_is_disabled_and_then_says_so()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => cluster.StartSiloAsync(new Dictionary<string, string> { ["Hosting__Tls__CertificatePath"] = "" }));
        Assert.Contains("Hosting__Tls__CertificatePath", refused.Message, StringComparison.Ordinal);

        var plaintext = await cluster.StartSiloAsync(new Dictionary<string, string> { ["Hosting__Tls__Enabled"] = "false" });
        Assert.Contains("CLUSTER TLS IS DISABLED", plaintext.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_the_configured_authority_did_not_issue_is_refused_at_start()
    {
        using var cluster = new ThrowawayCertificates();
        using var other = new ThrowawayCertificates("Another CA");
        var misconfigured = other.IssueMember();
        misconfigured.AuthorityPath = cluster.AuthorityPath;

        var refused = Assert.Throws<InvalidOperationException>(() => ClusterCertificates.Load(misconfigured));
        Assert.Contains("is not issued by the configured authority", refused.Message, StringComparison.Ordinal);
        using var loaded = ClusterCertificates.Load(cluster.IssueMember());
        Assert.True(loaded.Local.HasPrivateKey);
    }
}
