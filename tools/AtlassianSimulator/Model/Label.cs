namespace AtlassianSimulator.Model;

public sealed record Label(long Id, string Name, string Prefix = "global");
