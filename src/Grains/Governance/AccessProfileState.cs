namespace Platform.Grains.Governance;

[GenerateSerializer, Alias("Platform.AccessProfileState")]
public sealed class AccessProfileState
{
    [Id(0)]
    public List<string> Toolsets { get; set; } = [];

    [Id(1)]
    public List<string> Users { get; set; } = [];

    [Id(2)]
    public List<string> Groups { get; set; } = [];
}
