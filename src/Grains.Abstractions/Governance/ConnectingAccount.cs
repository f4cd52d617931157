namespace Platform.Grains.Governance;

/// <summary>The Atlassian account that just consented for a user, as Atlassian's <c>/me</c> described it.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ConnectingAccount")]
public sealed record ConnectingAccount([property: Id(0)] string AccountId, [property: Id(1)] string? Email);
