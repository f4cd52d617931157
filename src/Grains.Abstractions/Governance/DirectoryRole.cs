namespace Platform.Grains.Governance;

/// <summary>A tenant admin governs the tenant through the admin API with their own API key; a member only uses tools.</summary>
[GenerateSerializer, Alias("Platform.DirectoryRole")]
public enum DirectoryRole
{
    Member = 0,
    Admin = 1,
}
