namespace Platform.Database;

/// <summary>One versioned schema change, loaded from an embedded <c>Migrations/NNNN_name.sql</c> file.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);
