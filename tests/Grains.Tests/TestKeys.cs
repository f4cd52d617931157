using Platform.Grains.ApiKeys;

namespace Platform.Grains.Tests;

/// <summary>Requests for API keys as tests issue them: by the operator unless a test says who, opening the MCP endpoint unless it says what.</summary>
public static class TestKeys
{
    public static ApiKeyIssue Issue(string name, DateTimeOffset? expiresAt = null, string issuedBy = ApiKeyIssuers.Operator, IReadOnlyList<string>? scopes = null) =>
        new(name, expiresAt, scopes ?? ApiKeyScopes.Default, issuedBy);
}
