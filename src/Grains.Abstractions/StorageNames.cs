namespace Platform.Grains;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>The platform's grain state: PostgreSQL in a cluster, memory when embedded.</summary>
    public const string Platform = "platform";
}
