using Platform.Grains.Governance;

namespace Platform.Api.Admin;

/// <summary>A tenant's identity rules (see <see cref="TenantSecuritySettings"/>); both fields are required.</summary>
public sealed record SecuritySettingsRequest(UnmatchedAccountPolicy? UnmatchedAccounts, bool? RequireSelfIssuedKeys);
