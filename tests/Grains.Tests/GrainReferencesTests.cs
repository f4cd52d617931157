using Platform.Grains.ApiKeys;
using Platform.Grains.Connections;
using Platform.Grains.Governance;

namespace Platform.Grains.Tests;

/// <summary>GrainKeys makes references from grain types resolved once; they must be the references Orleans makes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_reference_names_the_grain_and_interface_Orleans_would_and_reaches_that_grain()
    {
        var tenant = UniqueIds.Tenant();
        foreach (var user in new[] { UniqueIds.User(), UniqueIds.User(), UniqueIds.User() })
        {
            AssertSameAs(fixture.Grains.GetGrain<IUserConnectionGrain>(GrainKeys.ForUser(tenant, user)), fixture.Grains.GetUserConnectionGrain(tenant, user));

            var keyId = ApiKeyToken.NewKeyId();
            await fixture.Grains.GetApiKeyGrain(tenant, keyId).IssueAsync(user, TestKeys.Issue("laptop"));
            AssertSameAs(fixture.Grains.GetGrain<IApiKeyGrain>(GrainKeys.ForApiKey(tenant, keyId)), fixture.Grains.GetApiKeyGrain(tenant, keyId));
            Assert.Equal(user, (await fixture.Grains.GetGrain<IApiKeyGrain>(GrainKeys.ForApiKey(tenant, keyId)).GetCredentialAsync())?.Identity.User);
        }

        AssertSameAs(fixture.Grains.GetGrain<ITenantGovernanceGrain>(GrainKeys.ForTenant(tenant)), fixture.Grains.GetTenantGovernanceGrain(tenant));
        AssertSameAs(fixture.Grains.GetGrain<IApiKeyVerifierGrain>(GrainKeys.ForTenant(tenant)), fixture.Grains.GetApiKeyVerifierGrain(tenant));
    }

    private static void AssertSameAs<TGrain>(TGrain expected, TGrain made)
        where TGrain : IGrainWithStringKey
    {
        Assert.Equal(expected.GetGrainId(), made.GetGrainId());
        Assert.Equal(((GrainReference)(object)expected).InterfaceType, ((GrainReference)(object)made).InterfaceType);
    }
}
