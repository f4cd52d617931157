using System.Text;
using Platform.Grains.Tenants;
using Orleans.Storage;
using Platform.Hosting;

namespace Platform.Grains.Tests;

public sealed class GrainStateSerializerTests
{
    private readonly IGrainStorageSerializer serializer = GrainStateSerializer.Create();

    [Fact]
    public void Stored_state_names_no_clr_type()
    {
        var state = new TenantState { DisplayName = "Acme", Status = TenantStatus.Active, CreatedAt = DateTimeOffset.UnixEpoch };

        var json = Encoding.UTF8.GetString(serializer.Serialize(state).ToArray());

        Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(TenantState), json, StringComparison.Ordinal);
        Assert.DoesNotContain("Platform.", json, StringComparison.Ordinal);
        Assert.Contains("\"displayName\":\"Acme\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Active\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void State_written_by_one_class_reads_into_a_renamed_class_of_the_same_shape()
    {
        var written = new TenantState { DisplayName = "Acme", Status = TenantStatus.Suspended, CreatedAt = DateTimeOffset.UnixEpoch };

        var read = serializer.Deserialize<RenamedTenantState>(serializer.Serialize(written));

        Assert.NotNull(read);
        Assert.Equal("Acme", read.DisplayName);
        Assert.Equal(TenantStatus.Suspended, read.Status);
        Assert.Equal(DateTimeOffset.UnixEpoch, read.CreatedAt);
    }

    [Fact]
    public void A_type_name_in_stored_json_is_ignored_not_instantiated()
    {
        var json = """{"$type":"System.IO.FileInfo, System.IO.FileSystem","displayName":"Acme"}""";

        var read = serializer.Deserialize<TenantState>(BinaryData.FromString(json));

        Assert.IsType<TenantState>(read);
        Assert.Equal("Acme", read.DisplayName);
    }

    private sealed class RenamedTenantState
    {
        public string DisplayName { get; set; } = "";

        public TenantStatus Status { get; set; }

        public DateTimeOffset CreatedAt { get; set; }
    }
}
