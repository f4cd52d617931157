namespace Platform.Grains.Tenants;

/// <summary>One tenant of the platform: its registration and lifecycle. Key: <see cref="GrainKeys.ForTenant"/>.</summary>
[Alias("Platform.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Registers the tenant; fails with <see cref="TenantAlreadyExistsException"/> if it exists.</summary>
    [Alias("Create")]
    Task<TenantDetails> CreateAsync(string displayName);

    /// <summary>The tenant, or null when it was never created.</summary>
    [Alias("Get")]
    Task<TenantDetails?> GetAsync();
}
