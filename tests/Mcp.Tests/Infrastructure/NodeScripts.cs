using System.Diagnostics;

namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>
/// Runs the pinned Node tooling in <c>tests/Mcp.Tests/node</c> (official MCP SDK client, conformance suite) with the
/// Node 22 binary that folder pins: the conformance suite needs Node 22, and this machine's default Node is older.
/// Installs the folder with <c>npm ci</c> when it has not been (CI does that up front).
/// </summary>
public static class NodeScripts
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    public static string Folder { get; } = FindFolder();

    public static async Task<NodeRun> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        await EnsureInstalledAsync();
        return await RunProcessAsync(Path.Combine(Folder, "node_modules", ".bin", "node"), arguments, timeout);
    }

    /// <summary>Starts a long-running script (a proxy) and returns once it printed its first line.</summary>
    public static async Task<(Process Process, string FirstLine)> StartAsync(params string[] arguments)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo(Path.Combine(Folder, "node_modules", ".bin", "node")) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var firstLine = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException($"{arguments[0]} exited: {await process.StandardError.ReadToEndAsync()}");
        return (process, firstLine);
    }

    /// <summary>
    /// Runs one of our scripts that needs the test's part midway (a person's sign-in, a change to make): each stdout line
    /// <c>{"ask": …}</c> is passed to <paramref name="answer"/>, whose answer is written to the script's stdin as one line.
    /// The other lines are the run's output.
    /// </summary>
    public static Task<NodeRun> RunConversationAsync(TimeSpan timeout, Func<System.Text.Json.JsonElement, Task<string>> answer, params string[] arguments) =>
        RunWatchedAsync(
            timeout,
            async line => line.StartsWith("{\"ask\":", StringComparison.Ordinal) ? await answer(System.Text.Json.JsonDocument.Parse(line).RootElement) : null,
            arguments);

    /// <summary>
    /// Runs a script whose every stdout line is shown to <paramref name="onLine"/> as it comes; a non-null answer is
    /// written to the script's stdin, and the lines not answered are the run's output.
    /// </summary>
    public static async Task<NodeRun> RunWatchedAsync(TimeSpan timeout, Func<string, Task<string?>> onLine, params string[] arguments)
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo(Path.Combine(Folder, "node_modules", ".bin", "node"))
        {
            WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (await onLine(line) is { } answer)
                {
                    await process.StandardInput.WriteLineAsync(answer);
                    await process.StandardInput.FlushAsync(deadline.Token);
                }
                else
                {
                    output.AppendLine(line);
                }
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return new NodeRun(process.ExitCode, output.ToString(), await stderr);
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(Folder, "node_modules", ".bin", "node")))
            {
                var install = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                Assert.True(install.ExitCode == 0, $"npm ci failed in {Folder}:\n{install.Output}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static async Task<NodeRun> RunProcessAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return new NodeRun(process.ExitCode, await stdout, await stderr);
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Mcp.Tests", "node");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Mcp.Tests/node not found above " + AppContext.BaseDirectory);
    }
}
