namespace Platform.Grains.Governance;

/// <summary>Whether a consenting Atlassian account may be connected for a user; when not, why, in words for that person.</summary>
[GenerateSerializer, Immutable, Alias("Platform.AccountMatch")]
public sealed record AccountMatch([property: Id(0)] bool Accepted, [property: Id(1)] string? Refusal)
{
    public static AccountMatch Accept { get; } = new(true, null);

    public static AccountMatch Refuse(string reason) => new(false, reason);
}
