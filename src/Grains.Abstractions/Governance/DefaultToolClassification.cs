namespace Platform.Grains.Governance;

/// <summary>What a newly discovered tool starts as. A changed definition never inherits an approval whatever this says.</summary>
[GenerateSerializer, Alias("Platform.DefaultToolClassification")]
public enum DefaultToolClassification
{
    RequireApprovalForEveryTool = 0,
    AutoApproveReadOnly = 1,
    AutoApproveAll = 2,
}
