using Platform.Grains.Refusals;
using Platform.Grains.Tenants;

namespace Platform.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TenantGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_created_tenant_reads_back_with_its_name_status_and_creation_time()
    {
        var id = UniqueIds.Tenant();
        var grain = fixture.Grains.GetTenantGrain(id);

        var created = await grain.CreateAsync("  Acme Corp  ");
        var read = await grain.GetAsync();

        Assert.Equal(created, read);
        Assert.Equal(id, read!.Id);
        Assert.Equal("Acme Corp", read.DisplayName);
        Assert.Equal(TenantStatus.Created, read.Status);
        Assert.Equal(fixture.Time.GetUtcNow(), read.CreatedAt);
    }

    [Fact]
    public async Task A_tenant_that_was_never_created_reads_as_null()
    {
        Assert.Null(await fixture.Grains.GetTenantGrain(UniqueIds.Tenant()).GetAsync());
    }

    [Fact]
    public async Task Creating_a_tenant_twice_is_refused_and_keeps_the_first()
    {
        var grain = fixture.Grains.GetTenantGrain(UniqueIds.Tenant());
        await grain.CreateAsync("First");

        await Assert.ThrowsAsync<TenantAlreadyExistsException>(() => grain.CreateAsync("Second"));
        Assert.Equal("First", (await grain.GetAsync())!.DisplayName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_display_name_is_refused_and_creates_nothing(string name)
    {
        var grain = fixture.Grains.GetTenantGrain(UniqueIds.Tenant());

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => grain.CreateAsync(name));
        Assert.Contains("display name", error.Message, StringComparison.Ordinal);
        Assert.Equal(["DisplayName"], error.Errors.Keys);
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task A_display_name_over_200_characters_is_refused()
    {
        var grain = fixture.Grains.GetTenantGrain(UniqueIds.Tenant());

        await Assert.ThrowsAsync<InvalidRequestException>(() => grain.CreateAsync(new string('x', 201)));
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task State_survives_deactivation()
    {
        var grain = fixture.Grains.GetTenantGrain(UniqueIds.Tenant());
        await grain.CreateAsync("Durable");

        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal("Durable", (await grain.GetAsync())!.DisplayName);
    }
}
