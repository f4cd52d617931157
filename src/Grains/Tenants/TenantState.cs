namespace Platform.Grains.Tenants;

/// <summary>Persisted state of <see cref="TenantGrain"/>. Stored as plain JSON: property names are the contract.</summary>
[GenerateSerializer, Alias("Platform.TenantState")]
public sealed class TenantState
{
    [Id(0)]
    public string DisplayName { get; set; } = "";

    [Id(1)]
    public TenantStatus Status { get; set; }

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }
}
