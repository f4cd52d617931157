namespace Platform.Grains.Tenants;

[GenerateSerializer, Alias("Platform.TenantStatus")]
public enum TenantStatus
{
    /// <summary>Created by an operator; its endpoint serves nothing until activated.</summary>
    Created = 0,
    Active = 1,
    Suspended = 2,
}
