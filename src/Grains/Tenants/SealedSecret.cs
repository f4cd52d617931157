namespace Platform.Grains.Tenants;

/// <summary>A write-only secret at rest: its sealed value, a fingerprint admins may see, and when it was set.</summary>
[GenerateSerializer, Alias("Platform.SealedSecret")]
public sealed class SealedSecret
{
    [Id(0)]
    public string Sealed { get; set; } = "";

    [Id(1)]
    public string Fingerprint { get; set; } = "";

    [Id(2)]
    public DateTimeOffset SetAt { get; set; }
}
