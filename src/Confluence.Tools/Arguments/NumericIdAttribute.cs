namespace Platform.Confluence.Tools;

/// <summary>
/// Marks a string argument as a Confluence numeric id. Ids go into request paths, so anything but digits is refused
/// before a call (no path tricks such as <c>42/../..</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
internal sealed class NumericIdAttribute : Attribute
{
    /// <summary>The input schema's pattern (ECMA-262, where <c>$</c> is the very end); part of each tool's definition hash.</summary>
    public const string Pattern = "^[0-9]{1,20}$";

    /// <summary>The same rule for .NET, whose <c>$</c> would also accept a trailing line break.</summary>
    public const string DotNetPattern = "^[0-9]{1,20}\\z";
}
