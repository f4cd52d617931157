using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Platform.Grains.Identity;

/// <summary>A user's id within one tenant: 1–128 letters, digits, '.', '_', '@' or '-', never '/' (the key separator).</summary>
[GenerateSerializer, Immutable, Alias("Platform.UserId")]
public readonly partial record struct UserId
{
    private UserId(string value) => Value = value;

    /// <summary>The rule, as error messages state it.</summary>
    public const string Rule = "A user id is 1 to 128 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.";

    [Id(0)]
    public string Value { get; }

    /// <summary>
    /// The tenant's shared OAuth connection, made once by an admin and used for everyone. Its '~' can never come from
    /// <see cref="Parse"/>, so no real user can collide with it.
    /// </summary>
    public static UserId SharedConnection { get; } = new("~shared");

    public bool IsSharedConnection => Value == SharedConnection.Value;

    /// <summary>Parses an id read back from a grain key or a stored list, where the shared connection may appear.</summary>
    public static bool TryParseStored([NotNullWhen(true)] string? value, out UserId id)
    {
        if (value == SharedConnection.Value)
        {
            id = SharedConnection;
            return true;
        }

        return TryParse(value, out id);
    }

    public static UserId Parse(string? value) =>
        TryParse(value, out var id) ? id : throw new ArgumentException(Rule, nameof(value));

    public static bool TryParse([NotNullWhen(true)] string? value, out UserId id)
    {
        id = default;
        if (value is null || !Pattern().IsMatch(value))
        {
            return false;
        }

        id = new UserId(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
