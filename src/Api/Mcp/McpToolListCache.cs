using Microsoft.Extensions.Caching.Memory;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Platform.Grains.Governance;

namespace Platform.Api.Mcp;

/// <summary>
/// tools/list results serialized once per distinct grant and revision. A list is a pure function of which catalog tools
/// the policy allows (at their current hashes), whether the caller is read-only, and the protocol revision, so users
/// with the same grants share one entry, and a policy change that changes the grants finds (or builds) another. The
/// policy itself is still read from the user's grain on every request. Bounded by bytes, least recently used first out.
/// </summary>
public sealed class McpToolListCache(McpToolCatalog catalog) : IDisposable
{
    /// <summary>
    /// How long a client may reuse a tool list (2026-07-28 <c>ttlMs</c>). The list is the user's own (<c>cacheScope</c>
    /// private); a change is announced by list_changed anyway, and a call of a tool no longer allowed is refused.
    /// </summary>
    private static readonly TimeSpan ToolListLifetime = TimeSpan.FromMinutes(1);

    /// <summary>A full list is about 45 KB: room for several hundred distinct grants.</summary>
    private const long SizeLimitBytes = 32 * 1024 * 1024;

    private readonly MemoryCache lists = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes });

    /// <summary>The serialized result for a caller whose effective policy is <paramref name="policy"/>.</summary>
    public PreSerializedJson ListFor(EffectiveToolPolicy policy, bool readOnlyCaller, bool modern)
    {
        var key = (catalog.GrantKey(policy, readOnlyCaller), modern);
        if (lists.TryGetValue(key, out PreSerializedJson? cached))
        {
            return cached!;
        }

        var serialized = PreSerializedJson.From(
            new ListToolsResult
            {
                Tools = catalog.AllowedBy(policy, readOnlyCaller),
                TimeToLive = modern ? ToolListLifetime : null,
                CacheScope = modern ? CacheScope.Private : null,
                // A 2026-07-28 result says it is complete (rather than asking for input).
                ResultType = modern ? "complete" : null,
            },
            McpJsonUtilities.DefaultOptions);
        return lists.Set(key, serialized, new MemoryCacheEntryOptions { Size = serialized.Length });
    }

    public void Dispose() => lists.Dispose();
}
