using Npgsql;
using Orleans.Runtime.Placement;
using Platform.Cluster.Tests.Infrastructure;
using Platform.Grains;
using Platform.Grains.Identity;

namespace Platform.Cluster.Tests;

/// <summary>Real silo processes forming a cluster through the PostgreSQL membership table.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task State_survives_stopping_every_silo_and_starting_a_new_one()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var tenant = NewTenant();
        var first = await cluster.StartSiloAsync();
        var client = await cluster.ConnectClientAsync();
        var created = await client.GetTenantGrain(tenant).CreateAsync("Survivor");

        await first.Process.StopAsync();
        await cluster.StartSiloAsync();
        var freshClient = await cluster.ConnectClientAsync();

        Assert.Equal(created, await freshClient.GetTenantGrain(tenant).GetAsync());
    }

    [Fact]
    public async Task Two_silos_form_one_cluster_and_a_grain_called_through_either_is_one_activation()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var siloA = await cluster.StartSiloAsync();
        var siloB = await cluster.StartSiloAsync();
        var throughA = await cluster.ConnectClientThroughAsync(siloA);
        var throughB = await cluster.ConnectClientThroughAsync(siloB);

        await Eventually.Holds(async () => Assert.Equal(2, (await throughA.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count));

        var management = throughB.GetGrain<IManagementGrain>(0);
        var readsFromTheOtherSilo = 0;
        for (var i = 0; i < 12; i++)
        {
            // Enter through one silo, read through the other: placement prefers the entry silo, so reads cross silos.
            var (writer, reader, readerSilo) = i % 2 == 0 ? (throughA, throughB, siloB) : (throughB, throughA, siloA);
            var tenant = NewTenant();
            await writer.GetTenantGrain(tenant).CreateAsync($"Tenant {i}");
            var readThroughOther = await reader.GetTenantGrain(tenant).GetAsync();

            Assert.Equal($"Tenant {i}", readThroughOther!.DisplayName);
            var grain = (GrainReference)reader.GetTenantGrain(tenant);
            Assert.Equal(1, await management.GetGrainActivationCount(grain));
            // Where placement puts each grain is its choice; what matters is that reads reached it from the other silo.
            readsFromTheOtherSilo += (await management.GetActivationAddress(grain))!.Endpoint.Port != readerSilo.SiloPort ? 1 : 0;
        }

        Assert.True(readsFromTheOtherSilo > 0, "every read entered through the silo that hosted the grain");
    }

    [Fact]
    public async Task Killing_a_silo_lets_calls_to_its_grains_succeed_on_the_other()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var doomed = await cluster.StartSiloAsync();
        var survivor = await cluster.StartSiloAsync();
        var creator = await cluster.ConnectClientThroughAsync(doomed);
        var client = await cluster.ConnectClientThroughAsync(survivor);
        var management = client.GetGrain<IManagementGrain>(0);
        await Eventually.Holds(async () => Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count));

        // Placed on the doomed silo by a placement hint: left to placement, a CI machine's load statistics once sent
        // 64 tenants in a row to the other silo.
        var doomedAddress = (await management.GetHosts(onlyActive: true)).Keys.Single(silo => silo.Endpoint.Port == doomed.SiloPort);
        var onDoomed = NewTenant();
        RequestContext.Set(IPlacementDirector.PlacementHintKey, doomedAddress);
        try
        {
            await creator.GetTenantGrain(onDoomed).CreateAsync("Orphan");
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        Assert.Equal(doomed.SiloPort, (await management.GetActivationAddress((GrainReference)client.GetTenantGrain(onDoomed)))?.Endpoint.Port);

        await doomed.Process.KillAsync();

        await Eventually.Holds(async () => Assert.Equal("Orphan", (await client.GetTenantGrain(onDoomed).GetAsync())!.DisplayName));
        var newHost = await management.GetActivationAddress((GrainReference)client.GetTenantGrain(onDoomed));
        Assert.Equal(survivor.SiloPort, newHost?.Endpoint.Port);
    }

    [Fact]
    public async Task The_tenant_registry_learns_the_tenants_stored_before_it_existed()
    {
        await using var cluster = new TestCluster(await postgres.CreateMigratedDatabaseWithRolesAsync());
        var silo = await cluster.StartSiloAsync();
        var tenant = NewTenant();
        await (await cluster.ConnectClientAsync()).GetTenantGrain(tenant).CreateAsync("From before the registry");
        await silo.Process.StopAsync();
        // A deployment from before the registry: the tenant's row exists, the registry's does not.
        await using (var database = NpgsqlDataSource.Create(cluster.ConnectionString))
        await using (var forget = database.CreateCommand("DELETE FROM OrleansStorage WHERE GrainTypeString = 'tenant-registry'"))
        {
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        await cluster.StartSiloAsync();
        var registry = (await cluster.ConnectClientAsync()).GetTenantRegistryGrain();

        Assert.True(await registry.ContainsAsync(tenant));
        Assert.False(await registry.ContainsAsync(NewTenant()));
    }

    private static TenantId NewTenant() => TenantId.Parse($"t-{Guid.NewGuid():N}"[..30]);
}
