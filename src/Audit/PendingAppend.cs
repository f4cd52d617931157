namespace Platform.Audit;

/// <summary>A record waiting for the writer, and the caller waiting for its commit.</summary>
internal sealed class PendingAppend(AuditRecord record)
{
    private readonly TaskCompletionSource committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditRecord Record { get; } = record;

    public Task Committed => committed.Task;

    public void MarkCommitted() => committed.TrySetResult();

    public void MarkFailed(Exception exception) => committed.TrySetException(exception);
}
