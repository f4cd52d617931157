using System.Security.Cryptography;
using Npgsql;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Grains;
using Platform.Grains.Connections;
using Platform.Grains.Identity;

namespace Platform.Cluster.Tests;

/// <summary>Secrets at rest in PostgreSQL: sealed, tagged with their key id, re-sealed under a new key on the next write.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyRotationTests(PostgresFixture postgres)
{
    private const string ClientSecret = "rotation-client-secret-4a9e";

    [Fact]
    public async Task Adding_a_new_key_reseals_secrets_on_the_next_write_and_the_database_never_holds_plaintext()
    {
        var database = await postgres.CreateMigratedDatabaseWithRolesAsync();
        await using var cluster = new TestCluster(database);
        var key1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var key2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var tenant = TenantId.Parse($"t-{Guid.NewGuid():N}"[..30]);
        var settings = new IntegrationSettings("client", ["read:page:confluence"], "cloud-1", new Uri("https://acme.atlassian.net"), CredentialMode.PerUserOAuth, null);

        var first = await cluster.StartSiloAsync(KeyRing(active: "k1", ("k1", key1)));
        var client = await cluster.ConnectClientAsync();
        await client.GetTenantGrain(tenant).CreateAsync("Rotation");
        await client.GetTenantGrain(tenant).ConfigureIntegrationAsync(settings);
        var sealedUnderK1 = (await client.GetTenantGrain(tenant).SetClientSecretAsync(ClientSecret)).After!;
        var rowUnderK1 = await StoredTenantRowAsync(database.Admin);
        await first.Process.StopAsync();

        await cluster.StartSiloAsync(KeyRing(active: "k2", ("k2", key2), ("k1", key1)));
        var restarted = await cluster.ConnectClientAsync();
        var beforeWrite = await restarted.GetTenantGrain(tenant).GetIntegrationAsync();
        await restarted.GetTenantGrain(tenant).ConfigureIntegrationAsync(settings);
        var rowUnderK2 = await StoredTenantRowAsync(database.Admin);

        Assert.Contains("\"sealed\":\"v1.k1.", rowUnderK1, StringComparison.Ordinal);
        Assert.Equal(sealedUnderK1.ClientSecretFingerprint, beforeWrite!.ClientSecretFingerprint);
        Assert.Contains("\"sealed\":\"v1.k2.", rowUnderK2, StringComparison.Ordinal);
        Assert.DoesNotContain("v1.k1.", rowUnderK2, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, rowUnderK1 + rowUnderK2, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> KeyRing(string active, params (string Id, string Key)[] keys)
    {
        var environment = new Dictionary<string, string> { ["Security__KeyRing__ActiveKeyId"] = active };
        foreach (var (id, key) in keys)
        {
            environment[$"Security__KeyRing__Keys__{id}"] = key;
        }

        return environment;
    }

    private static async Task<string> StoredTenantRowAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE graintypestring = 'tenant'");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
