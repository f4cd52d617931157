namespace Platform.Database;

/// <summary>What one migrator run did: the versions it applied now, out of all the build ships.</summary>
public sealed record MigrationResult(IReadOnlyList<int> Applied, int Known);
