namespace Platform.Audit;

/// <summary>What the gateway decided about the call or action; stored by name, so never renumber or rename.</summary>
public enum AuditDecision
{
    /// <summary>Governance allowed it; the upstream status says how Confluence answered.</summary>
    Allowed,

    /// <summary>Governance refused it (not approved, not granted, kill switch, unknown tool); the reason says which.</summary>
    Denied,

    /// <summary>A rate limit refused it before Confluence was asked.</summary>
    RateLimited,

    /// <summary>It was allowed but could not run: invalid arguments, no Atlassian connection, an internal error.</summary>
    Failed,
}
