namespace Platform.Grains.Security;

/// <summary>Persisted state of <see cref="DataProtectionKeysGrain"/>: Data Protection key elements by name, already encrypted.</summary>
[GenerateSerializer, Alias("Platform.DataProtectionKeysState")]
public sealed class DataProtectionKeysState
{
    [Id(0)]
    public Dictionary<string, string> Elements { get; set; } = new(StringComparer.Ordinal);
}
