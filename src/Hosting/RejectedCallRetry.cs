using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Messaging;
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
/// available", a send that failed), with <see cref="GatewayTooBusyException"/>, or with the
/// <see cref="ConnectionFailedException"/> that kept a silo from addressing the call (its directory's owner had died). Orleans raises
/// <see cref="SiloUnavailableException"/> in two more places that are not refusals, because the request had been sent
/// and may have run: when the silo it was sent to is declared dead (<c>CallbackData.OnTargetSiloFail</c>, "The target
/// silo became unavailable…") and when this process stops (<c>CallbackData.OnHostShutdown</c>, "The local Orleans host is
/// shutting down…"). Those, timeouts, and whatever a grain threw (see <see cref="RejectionBoundary"/>) are not retried,
/// except that a method marked <see cref="IdempotentAttribute"/> is sent again after any <see cref="OrleansException"/>
/// and after its first timeout.
/// </remarks>
public sealed partial class RejectedCallRetry(ILogger<RejectedCallRetry> logger) : IOutgoingGrainCallFilter
{
    public const int MaxAttempts = 8;
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest a refused call is held between its attempts in all: after this it runs, was answered, or is lost.</summary>
    public static TimeSpan RetrySpan { get; } = Backoff * (MaxAttempts * (MaxAttempts - 1) / 2);
    private static readonly ConcurrentDictionary<MethodInfo, bool> Idempotent = new();
    private static readonly string[] SentButUnanswered = ["The target silo became unavailable", "The local Orleans host is shutting down"];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var timedOut = false;
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (Exception exception) when (attempt < MaxAttempts && MayRetry(context) && MayRepeat(context, exception, timedOut))
            {
                failure = exception;
            }

            if (failure is null || attempt == MaxAttempts || !MayRetry(context) || !MayRepeat(context, failure, timedOut))
            {
                return;
            }

            timedOut |= failure is TimeoutException;
            LogRetrying(logger, context.InterfaceName, context.MethodName, attempt, failure.Message);
            await Task.Delay(Backoff * attempt);
        }
    }

    /// <summary>True for an exception Orleans made from a rejection of the call, before any grain ran it.</summary>
    public static bool IsRefusal(Exception exception) => exception switch
    {
        GatewayTooBusyException => true,
        // Addressing the call failed (the grain directory's silo could not be reached): the rejection carries why.
        ConnectionFailedException => true,
        SiloUnavailableException unavailable => !SentButUnanswered.Any(prefix => unavailable.Message.StartsWith(prefix, StringComparison.Ordinal)),
        OrleansMessageRejectionException => true,
        _ => false,
    };

    /// <summary>
    /// A refusal; for an idempotent method also any failure of the cluster, and one timeout: the silo the call went to
    /// may have died with it, and a second try finds the grain anew (a second timeout is a cluster that is not answering).
    /// </summary>
    private static bool MayRepeat(IOutgoingGrainCallContext context, Exception failure, bool timedOutBefore) =>
        IsRefusal(failure)
        || (failure is OrleansException || (failure is TimeoutException && !timedOutBefore))
            && context.InterfaceMethod is { } method
            && Idempotent.GetOrAdd(method, m => m.IsDefined(typeof(IdempotentAttribute), inherit: false));

    /// <summary>Calls of the platform's grains whose caller still waits; not system targets, nor observers in clients.</summary>
    private static bool MayRetry(IOutgoingGrainCallContext context) =>
        !context.TargetId.IsClient()
        && context.Request.GetInterfaceType().Assembly == typeof(GrainKeys).Assembly
        && !context.Request.GetCancellationToken().IsCancellationRequested;

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Interface}.{Method} was refused before it ran (attempt {Attempt}): {Reason}; sending it again")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, int attempt, string reason);
}
