namespace AtlassianSimulator.Model;

/// <summary>One view of a page by a person at a time.</summary>
public sealed record PageView(string AccountId, DateTimeOffset At);
