using Microsoft.Extensions.Options;

namespace Platform.Hosting;

public static class StartupErrors
{
    /// <summary>
    /// Runs a process; invalid configuration or a taken port ends it with exit code 1 and the reason on one line each,
    /// instead of an unhandled exception's stack trace.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run();
        }
        catch (PortInUseException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
        }
        catch (OptionsValidationException exception)
        {
            foreach (var failure in exception.Failures)
            {
                await Console.Error.WriteLineAsync($"Invalid configuration: {failure}");
            }
        }

        return 1;
    }
}
