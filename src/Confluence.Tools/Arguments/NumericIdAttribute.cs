namespace Platform.Confluence.Tools;

/// <summary>
/// Marks a string argument as a Confluence numeric id. Ids go into request paths, so anything but digits is refused
/// before a call (no path tricks such as <c>42/../..</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
internal sealed class NumericIdAttribute : Attribute
{
    public const string Pattern = "^[0-9]{1,20}$";
}
