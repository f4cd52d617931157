namespace Platform.Hosting;

/// <summary>
/// A grain method that lets the refusal of a call it made escape has run, so its caller must not take that refusal for
/// a refusal of its own call and send it again (<see cref="RejectedCallRetry"/>): it crosses the grain boundary as a
/// plain <see cref="OrleansException"/> naming the method, with the refusal inside.
/// </summary>
internal sealed class RejectionBoundary : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception) when (RejectedCallRetry.IsRefusal(exception))
        {
            throw new OrleansException($"{context.InterfaceName}.{context.MethodName} failed: a call it made was refused ({exception.Message}).", exception);
        }
    }
}
