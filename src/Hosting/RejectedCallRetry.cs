using Microsoft.Extensions.Logging;
using Platform.Grains;

namespace Platform.Hosting;

/// <summary>
/// Sends a call to a platform grain again when Orleans refused to deliver it, as a silo that is shutting down, a dead
/// silo's address or a gateway shedding load make it do: a refused call never reached a grain, so sending it again
/// cannot run it twice. Up to <see cref="MaxAttempts"/> attempts, a little longer apart each time (about 7 s in all),
/// which covers a silo leaving gracefully and the cluster's caches catching up with it.
/// </summary>
/// <remarks>
/// What counts as refused, from Orleans 10.4's messaging (<c>MessageCenter</c>, <c>SiloConnection</c>,
/// <c>GatewayInboundConnection</c>, <c>ClientMessageCenter</c>, <c>CallbackData</c>): every rejection response is made
/// before the request is handed to an activation, and completes the call with <see cref="OrleansMessageRejectionException"/>
/// or its <see cref="SiloUnavailableException"/> ("Silo stopping", "Target silo is known to be dead", "No gateways
/// available", a send that failed) or with <see cref="GatewayTooBusyException"/>. Orleans raises
/// <see cref="SiloUnavailableException"/> in two more places that are not refusals, because the request had been sent
/// and may have run: when the silo it was sent to is declared dead (<c>CallbackData.OnTargetSiloFail</c>, "The target
/// silo became unavailable…") and when this process stops (<c>CallbackData.OnHostShutdown</c>, "The local Orleans host is
/// shutting down…"). Those, timeouts, and whatever a grain threw (see <see cref="RejectionBoundary"/>) are never retried.
/// </remarks>
internal sealed partial class RejectedCallRetry(ILogger<RejectedCallRetry> logger) : IOutgoingGrainCallFilter
{
    public const int MaxAttempts = 8;
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(250);
    private static readonly string[] SentButUnanswered = ["The target silo became unavailable", "The local Orleans host is shutting down"];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception exception) when (IsRefusal(exception) && attempt < MaxAttempts && MayRetry(context))
            {
                failure = exception;
            }

            if (failure is null || !IsRefusal(failure) || attempt == MaxAttempts || !MayRetry(context))
            {
                return;
            }

            LogRetrying(logger, context.InterfaceName, context.MethodName, attempt, failure.Message);
            await Task.Delay(Backoff * attempt);
        }
    }

    /// <summary>True for an exception Orleans made from a rejection of the call, before any grain ran it.</summary>
    public static bool IsRefusal(Exception exception) => exception switch
    {
        GatewayTooBusyException => true,
        SiloUnavailableException unavailable => !SentButUnanswered.Any(prefix => unavailable.Message.StartsWith(prefix, StringComparison.Ordinal)),
        OrleansMessageRejectionException => true,
        _ => false,
    };

    /// <summary>Calls of the platform's grains whose caller still waits; not system targets, nor observers in clients.</summary>
    private static bool MayRetry(IOutgoingGrainCallContext context) =>
        !context.TargetId.IsClient()
        && context.Request.GetInterfaceType().Assembly == typeof(GrainKeys).Assembly
        && !context.Request.GetCancellationToken().IsCancellationRequested;

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Interface}.{Method} was refused before it ran (attempt {Attempt}): {Reason}; sending it again")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, int attempt, string reason);
}
