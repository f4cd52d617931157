using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Platform.Api.Mcp;

/// <summary>
/// Which protocol revision a request speaks. Fields that 2026-07-28 added to results (<c>resultType</c>, <c>ttlMs</c>,
/// <c>cacheScope</c>) go only to requests of that revision or later: earlier clients may reject unknown keys.
/// </summary>
public static class McpRevisions
{
    public const string July2026 = "2026-07-28";

    public static bool IsJuly2026OrLater(JsonRpcRequest request, McpServer server) =>
        string.CompareOrdinal(request.Context?.ProtocolVersion ?? server.NegotiatedProtocolVersion, July2026) >= 0;
}
