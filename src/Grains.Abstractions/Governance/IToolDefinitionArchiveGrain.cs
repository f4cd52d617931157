using Orleans.Concurrency;

namespace Platform.Grains.Governance;

/// <summary>
/// Every tool definition a tenant ever approved, once for all tenants, by the catalog's hash of it, so a tenant's
/// governance keeps only the hash its approval covers and a re-review can still show the text that was approved.
/// Key: <see cref="GrainKeys.Platform"/>.
/// </summary>
[Alias("Platform.IToolDefinitionArchiveGrain")]
public interface IToolDefinitionArchiveGrain : IGrainWithStringKey
{
    /// <summary>Keeps each definition under its hash (durably, before answering); the first text kept under a hash stays.</summary>
    [Alias("Keep")]
    Task KeepAsync(IReadOnlyDictionary<string, string> definitionsByHash);

    /// <summary>The definition that hashes to <paramref name="definitionHash"/>, or null when none was kept.</summary>
    [Alias("Find"), AlwaysInterleave, Idempotent]
    Task<string?> FindAsync(string definitionHash);
}
