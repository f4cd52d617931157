using Platform.Grains.Governance;

namespace Platform.Governance.Tests;

public sealed class SameGrantsTests
{
    private static readonly EffectiveToolPolicy Policy = new(3, TenantAccess.Active, true, new Dictionary<string, string> { ["get_page"] = "h1", ["search"] = "h2" });

    [Fact]
    public void Policies_of_other_versions_with_the_same_tools_at_the_same_hashes_grant_the_same()
    {
        var reordered = new EffectiveToolPolicy(9, TenantAccess.Active, true, new Dictionary<string, string> { ["search"] = "h2", ["get_page"] = "h1" });

        Assert.True(Policy.SameGrantsAs(reordered));
        Assert.True(reordered.SameGrantsAs(Policy));
    }

    public static TheoryData<EffectiveToolPolicy> Different => new()
    {
        Policy with { TenantAccess = TenantAccess.Suspended },
        Policy with { UserEnabled = false },
        Policy with { AllowedTools = new Dictionary<string, string> { ["get_page"] = "h1" } },
        Policy with { AllowedTools = new Dictionary<string, string> { ["get_page"] = "h1", ["search"] = "other" } },
        Policy with { AllowedTools = new Dictionary<string, string> { ["get_page"] = "h1", ["search"] = "h2", ["delete_page"] = "h3" } },
        Policy with { AllowedTools = new Dictionary<string, string> { ["get_page"] = "h1", ["create_page"] = "h2" } },
    };

    [Theory]
    [MemberData(nameof(Different))]
    public void Any_difference_in_access_enablement_tools_or_hashes_is_a_different_grant(EffectiveToolPolicy other)
    {
        Assert.False(Policy.SameGrantsAs(other));
        Assert.False(other.SameGrantsAs(Policy));
    }
}
