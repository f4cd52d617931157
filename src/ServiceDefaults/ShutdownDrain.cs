using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

/// <summary>
/// Leaving service gracefully: from SIGTERM on, readiness fails (<see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/>),
/// and before the host stops anything the process keeps serving for <see cref="ShutdownOptions.DrainDelay"/>; then the
/// web server stops taking connections and finishes the requests in flight within the host's shutdown timeout.
/// </summary>
internal sealed partial class ShutdownDrain(IOptions<ShutdownOptions> options, ILogger<ShutdownDrain> logger) : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.DrainDelay;
        if (delay > TimeSpan.Zero)
        {
            LogDraining(logger, delay.TotalSeconds);
            // The token is the host's shutdown timeout: a drain never outlasts it.
            await Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: unready now, serving for {Seconds} s more while load balancers take this process out")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
