using Microsoft.Extensions.Options;
using Platform.Grains.Identity;
using Platform.Grains.Tools;

namespace Platform.Audit.Tests;

/// <summary>Tool-call records as the gateway builds them, varied only where a test needs it.</summary>
internal static class AuditRecords
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static AuditRecord ToolCall(
        string tenant,
        string target,
        string user = "alice",
        string tool = "getPage",
        AuditDecision decision = AuditDecision.Allowed,
        DateTimeOffset? occurredAt = null,
        string argumentsJson = """{"pageId":"42"}""",
        string? credential = null) =>
        AuditRecord.ForToolCall(
            TenantId.Parse(tenant),
            UserId.Parse(user),
            new ToolCall(tool, argumentsJson, new McpClientInfo("claude-code", "2.1.0"), credential),
            decision,
            decision == AuditDecision.Allowed ? null : $"{decision} by test",
            decision == AuditDecision.Allowed ? 200 : null,
            TimeSpan.FromMilliseconds(12.7),
            decision == AuditDecision.Allowed ? TimeSpan.FromMilliseconds(9) : null,
            occurredAt ?? Start,
            target);

    /// <summary>A chain keyed with fresh random keys under <paramref name="keyIds"/>, the last one active.</summary>
    public static AuditChain Chain(params string[] keyIds) => Chain(Keys(keyIds));

    public static AuditChain Chain(AuditChainKeyOptions ring) => new(Options.Create(ring));

    public static AuditChainKeyOptions Keys(params string[] keyIds)
    {
        var ring = new AuditChainKeyOptions { ActiveKeyId = keyIds[^1] };
        foreach (var id in keyIds)
        {
            ring.Keys[id] = AuditChain.GenerateKeyRing(id).Keys[id];
        }

        return ring;
    }
}
