namespace AtlassianSimulator.Model;

/// <summary>A long-running task (a page-tree copy). The simulator finishes work at once; the task reports it.</summary>
public sealed record LongTask(string Id, string Key, DateTimeOffset StartedAt, long DestinationId, int PagesCopied, string? Error);
