using Platform.Grains.Identity;
using Platform.Grains.Tools;

namespace Platform.Audit.Tests;

public sealed class AuditChainTests
{
    private static readonly AuditRecord ToolCall = AuditRecord.ForToolCall(
        TenantId.Parse("acme"), UserId.Parse("alice"), new ToolCall("getPage", """{"pageId":"42","token":"x"}""", new McpClientInfo("claude-code", "2.1.0")),
        AuditDecision.Failed, "Upstream said no — 409", 409, TimeSpan.FromMilliseconds(12.7), TimeSpan.FromMilliseconds(9),
        AuditRecords.Start.AddTicks(12_345_678), "page-42");

    private static readonly AuditRecord AdminAction = AuditRecord.ForAdminAction(
        TenantId.Parse("acme"), AuditRecord.OperatorActor, "integration.update", "acme", """{"clientSecret":"s","a":1}""", null, AuditRecords.Start);

    [Fact]
    public void The_unkeyed_format_is_exactly_what_the_release_before_keyed_chains_wrote() =>
        // Golden values computed by that release's AuditChain.ComputeHash (commit f70f207): stored rows of format 1 must keep verifying.
        Assert.Equal(
            ["aab0f919ca7088379c2a95ddffc9936f53cbf9a745af2203001f527cca73ba41", "afde221b739c6fcff43400af5bcb81b195bf6a11b291945f6335f177d1624ab4"],
            [AuditChain.ComputeUnkeyedHash(AuditChain.GenesisHash, 7, ToolCall), AuditChain.ComputeUnkeyedHash(new string('a', 64), 8, AdminAction)]);

    [Fact]
    public void The_keyed_format_is_exactly_what_rows_were_written_with_before_the_hash_was_computed_in_one_pass()
    {
        // Golden value computed by the incremental HMAC of commit 288dd56: stored rows of format 2 must keep verifying.
        var ring = new AuditChainKeyOptions { ActiveKeyId = "k1", Keys = { ["k1"] = Convert.ToBase64String([.. Enumerable.Range(0, 32).Select(i => (byte)i)]) } };
        var chain = new AuditChain(Microsoft.Extensions.Options.Options.Create(ring));

        var row = chain.Link(new AuditChainHead(6, new string('b', 64)), ToolCall with { Credential = "api-key:k-1", CredentialIssuer = "bob", ArgumentsPreview = new string('é', 700) });

        Assert.Equal("dc3633f42645192acbce8ffff374aa0963f3ab6a52b46d20868feb348f3ad814", row.Hash);
    }

    [Fact]
    public void A_keyed_row_verifies_only_under_its_own_key_and_with_every_field_as_written()
    {
        var keys = AuditRecords.Keys("k1");
        var chain = AuditRecords.Chain(keys);
        var row = chain.Link(new AuditChainHead(6, AuditChain.GenesisHash), ToolCall with { Credential = "api-key:k-1", CredentialIssuer = "bob" });

        Assert.Null(chain.FindForgery(row));
        Assert.NotNull(chain.FindForgery(row with { Record = row.Record with { CredentialIssuer = null } }));
        Assert.NotNull(chain.FindForgery(row with { Sequence = 8 }));
        Assert.NotNull(chain.FindForgery(row with { PreviousHash = new string('1', 64) }));
        Assert.NotNull(chain.FindForgery(row with { Hash = row.Hash.ToUpperInvariant() }));
        Assert.NotNull(AuditRecords.Chain("k1").FindForgery(row));
    }

    [Fact]
    public void An_unkeyed_row_cannot_carry_what_the_unkeyed_format_never_covered()
    {
        var chain = AuditRecords.Chain("k1");
        var record = ToolCall with { Credential = "api-key:forged" };
        var row = new AuditEntry(7, record, AuditChain.GenesisHash, AuditChain.ComputeUnkeyedHash(AuditChain.GenesisHash, 7, record), AuditChain.UnkeyedFormat, null);

        Assert.Contains("never had", chain.FindForgery(row), StringComparison.Ordinal);
        Assert.Null(chain.FindForgery(row with { Record = ToolCall, Hash = AuditChain.ComputeUnkeyedHash(AuditChain.GenesisHash, 7, ToolCall) }));
    }

    [Theory]
    [InlineData(null, "k1")]
    [InlineData("k2", "k1")]
    [InlineData("k1", "bad id!")]
    public void A_key_ring_that_cannot_key_or_verify_is_refused_without_showing_a_key(string? activeKeyId, string keyId)
    {
        var ring = new AuditChainKeyOptions { ActiveKeyId = activeKeyId, Keys = { [keyId] = Convert.ToBase64String(new byte[32]) } };

        var problem = AuditChain.Problem(ring);

        Assert.NotNull(problem);
        Assert.DoesNotContain(Convert.ToBase64String(new byte[32]), problem, StringComparison.Ordinal);
        Assert.NotNull(AuditChain.Problem(new AuditChainKeyOptions { ActiveKeyId = "k1", Keys = { ["k1"] = Convert.ToBase64String(new byte[16]) } }));
        Assert.Null(AuditChain.Problem(new AuditChainKeyOptions { ActiveKeyId = "k1", Keys = { ["k1"] = Convert.ToBase64String(new byte[32]) } }));
    }
}
