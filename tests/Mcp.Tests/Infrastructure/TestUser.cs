using Platform.Grains.Identity;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>A tenant's user with an Atlassian account (by email) and an MCP API key.</summary>
public sealed record TestUser(TenantId Tenant, UserId User, string Email, string Key);
