using Orleans.Configuration;
using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.OAuth;
using Platform.Hosting;

namespace Platform.Grains.Tests;

/// <summary>What the silos are told to collect: a user's grains after the user's idle lifetime, a tenant's after Orleans' default.</summary>
public sealed class GrainCollectionTests
{
    [Fact]
    public void Each_grain_of_a_user_leaves_after_the_user_idle_lifetime_and_a_tenants_grains_keep_the_default()
    {
        var options = new HostingOptions { UserGrainIdleLifetime = TimeSpan.FromMinutes(7), GrainCollectionQuantum = TimeSpan.FromSeconds(30) };
        var collection = new GrainCollectionOptions();

        PlatformSiloExtensions.ApplyGrainCollection(collection, options);

        Assert.Equal(TimeSpan.FromSeconds(30), collection.CollectionQuantum);
        Assert.All([typeof(UserConnectionGrain), typeof(ApiKeyGrain), typeof(OAuthGrantsGrain)], perUser =>
            Assert.Equal(TimeSpan.FromMinutes(7), collection.ClassSpecificCollectionAge[perUser.FullName!]));
        Assert.False(collection.ClassSpecificCollectionAge.ContainsKey(typeof(TenantGovernanceGrain).FullName!));
    }
}
