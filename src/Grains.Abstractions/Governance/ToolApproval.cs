namespace Platform.Grains.Governance;

/// <summary>Where a tool stands in a tenant's review. Only <see cref="Approved"/> tools can reach anyone's list.</summary>
[GenerateSerializer, Alias("Platform.ToolApproval")]
public enum ToolApproval
{
    PendingReview = 0,
    Approved = 1,
    Rejected = 2,

    /// <summary>The tenant-wide kill switch: off for everyone until approved again.</summary>
    Disabled = 3,

    /// <summary>Was approved, but its definition changed since: the old approval does not cover the new tool.</summary>
    PendingReReview = 4,
}
