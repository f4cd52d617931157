namespace Platform.Api.Admin;

public sealed record CreateTenantRequest(string? Id, string? DisplayName);
