using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>A Silo or Api started as a real child process, with its output kept for assertions and failure messages.</summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private PlatformProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', output);

    public bool HasExited => process.HasExited;

    public int Pid => process.Id;

    /// <summary>
    /// The entries the process logged at the given levels of the simple console format (<c>warn</c>, <c>fail</c>,
    /// <c>crit</c>), each as its header line, its message's first line and, when it has one, its exception's first line.
    /// </summary>
    public IReadOnlyList<string> LogEntries(params string[] levels)
    {
        var lines = output.ToArray();
        return [.. lines.Select((line, index) => (line, index))
            .Where(entry => levels.Any(level => LevelOf(entry.line) == level))
            .Select(entry => string.Join(' ', lines.Skip(entry.index).Take(3)
                .TakeWhile((line, offset) => offset == 0 || (LevelOf(line) is null && !line.TrimStart().StartsWith("at ", StringComparison.Ordinal)))
                .Select(line => line.Trim())))];
    }

    /// <summary>The level of an entry's header line, after its timestamp; null for a message line.</summary>
    private static string? LevelOf(string line)
    {
        var header = line.Length > 13 && line[2] == ':' && line[12] == ' ' ? line[13..] : line;
        return header.Length > 6 && header[4] == ':' && header[5] == ' ' ? header[..4] : null;
    }

    public static PlatformProcess Start(string assembly, int httpPort, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["Urls"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        // When something went wrong, the moment of each entry lines it up with the calls that failed.
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        // Tests probe refusals by the dozen from one address; the limit itself is tested in Mcp.Tests.
        start.Environment["AuthenticationFailures__Limit"] = "1000000";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var started = new PlatformProcess(process, new Uri($"http://127.0.0.1:{httpPort}"));
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// An Api in embedded mode (its own in-process silo) on <paramref name="httpPort"/>, ready to serve: silo ports are
    /// free ones, so several can run side by side.
    /// </summary>
    public static async Task<PlatformProcess> StartEmbeddedApiAsync(int httpPort, string operatorKey, IReadOnlyDictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Hosting__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Hosting__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Admin__OperatorKey"] = operatorKey,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var api = Start(BuildPaths.ApiAssembly, httpPort, environment);
        await api.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return api;
    }

    /// <summary>Waits until the process answers its readiness endpoint with 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                // Its last lines may still be on their way to the output handlers; this waits for the streams to end.
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The process exited with {process.ExitCode} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(BaseAddress, "/health/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Not ready within {timeout}:\n{Output}");
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>Asks the process to shut down gracefully (SIGTERM, as Kubernetes does) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
