namespace Platform.Grains.Tenants;

[GenerateSerializer, Alias("Platform.TenantStatus")]
public enum TenantStatus
{
    /// <summary>Created by an operator; its endpoint serves nothing until activated.</summary>
    Created = 0,
    Active = 1,

    /// <summary>Stopped by an operator; resuming restores everything as it was.</summary>
    Suspended = 2,

    /// <summary>Gone for good: serves nothing and its id cannot be reused.</summary>
    Deleted = 3,
}
