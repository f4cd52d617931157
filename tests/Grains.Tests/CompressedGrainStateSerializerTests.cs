using System.Text;
using Orleans.Storage;
using Platform.Grains.Governance;
using Platform.Grains.Tenants;
using Platform.Hosting;

namespace Platform.Grains.Tests;

public sealed class CompressedGrainStateSerializerTests
{
    private readonly IGrainStorageSerializer json = GrainStateSerializer.Create();
    private readonly CompressedGrainStateSerializer compressed = new CompressedGrainStateSerializer(GrainStateSerializer.Create());

    [Fact]
    public void A_tenants_governance_is_stored_in_a_fraction_of_its_json_and_reads_back_whole()
    {
        var governance = new GovernanceState { Version = 7, GrantedScopes = ["read:page:confluence", "write:page:confluence"] };
        for (var tool = 0; tool < 57; tool++)
        {
            governance.Tools[$"tool_{tool}"] = new GovernedTool
            {
                Title = $"Tool number {tool}",
                Scopes = ["read:page:confluence", "read:space:confluence"],
                DefinitionHash = Convert.ToHexStringLower(BitConverter.GetBytes(tool * 7919L)).PadLeft(64, '0'),
                Approval = ToolApproval.Approved,
            };
        }

        var plain = json.Serialize(governance).ToArray();
        var stored = compressed.Serialize(governance).ToArray();
        var read = compressed.Deserialize<GovernanceState>(BinaryData.FromBytes(stored));

        Assert.True(stored.Length * 3 < plain.Length, $"{stored.Length} bytes stored for {plain.Length} bytes of JSON");
        Assert.Equal(Encoding.UTF8.GetString(plain), Encoding.UTF8.GetString(json.Serialize(read).ToArray()));
    }

    [Fact]
    public void A_small_state_is_stored_as_plain_json()
    {
        var tenant = new TenantState { DisplayName = "Acme", Status = TenantStatus.Active };

        var stored = compressed.Serialize(tenant);

        Assert.Equal(json.Serialize(tenant).ToString(), stored.ToString());
        Assert.Equal("Acme", compressed.Deserialize<TenantState>(stored)?.DisplayName);
    }

    [Fact]
    public void A_compressed_state_cut_short_fails_with_a_clear_error_instead_of_reading_as_empty()
    {
        var governance = new GovernanceState { Toolsets = { ["everything"] = [.. Enumerable.Range(0, 200).Select(tool => $"tool_{tool}")] } };
        var stored = compressed.Serialize(governance).ToArray();

        var truncated = BinaryData.FromBytes(stored.AsMemory(0, stored.Length / 2));

        Assert.Throws<InvalidDataException>(() => compressed.Deserialize<GovernanceState>(truncated));
    }
}
