using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL 15 server of the tests' own (<c>scripts/postgres.sh</c>) on a free loopback port, in a directory it
/// deletes when disposed. It can be halted and resumed with its data, as a database restart would.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"platform-tests-pg-{Guid.NewGuid():N}");

    private ThrowawayPostgres()
    {
    }

    public PostgresServer Server { get; private set; } = null!;

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var postgres = new ThrowawayPostgres();
        var port = FreePorts.Next().ToString(CultureInfo.InvariantCulture);
        postgres.Server = new PostgresServer((await RunScriptAsync("start", postgres.directory, port)).Trim());
        return postgres;
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended), keeping its data.</summary>
    public Task HaltAsync() => RunScriptAsync("halt", directory);

    /// <summary>Starts the halted server again, on the same port with the same data.</summary>
    public Task ResumeAsync() => RunScriptAsync("resume", directory);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunScriptAsync("stop", directory);
    }

    private static async Task<string> RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(BuildPaths.RepositoryRoot, "scripts", "postgres.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"postgres.sh {string.Join(' ', arguments)} failed: {await error}");
    }
}
