using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Platform.Grains.Identity;

/// <summary>A tenant's id: lowercase letters, digits and inner hyphens, 2–63 characters (safe in URLs and grain keys).</summary>
[GenerateSerializer, Immutable, Alias("Platform.TenantId")]
public readonly partial record struct TenantId
{
    private TenantId(string value) => Value = value;

    /// <summary>The rule, as error messages state it.</summary>
    public const string Rule = "A tenant id is 2 to 63 lowercase letters, digits or inner hyphens, for example 'acme-corp'.";

    [Id(0)]
    public string Value { get; }

    public static TenantId Parse(string? value) =>
        TryParse(value, out var id) ? id : throw new ArgumentException(Rule, nameof(value));

    public static bool TryParse([NotNullWhen(true)] string? value, out TenantId id)
    {
        id = default;
        if (value is null || !Pattern().IsMatch(value))
        {
            return false;
        }

        id = new TenantId(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
