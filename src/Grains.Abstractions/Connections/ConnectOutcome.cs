namespace Platform.Grains.Connections;

/// <summary>The end of a connect flow, with a reason a person can read when it failed.</summary>
[GenerateSerializer, Immutable, Alias("Platform.ConnectOutcome")]
public sealed record ConnectOutcome([property: Id(0)] bool Succeeded, [property: Id(1)] string Message);
