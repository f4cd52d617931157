using System.Diagnostics;
using AtlassianSimulator.Tests.Infrastructure;

namespace AtlassianSimulator.Tests;

/// <summary>
/// Runs confluence.js (pinned in confluence-js/package.json, Zod-validated responses) against the simulator.
/// Needs node; runs `npm ci` first when node_modules is missing.
/// </summary>
[Collection(SimulatorCollection.Name)]
public sealed class ConfluenceJsTests(SimulatorFixture sim)
{
    [Fact]
    public async Task Confluence_js_script_succeeds()
    {
        await sim.ResetAsync();
        var folder = FindScriptFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            var (ciCode, ciOutput) = await RunAsync("npm", "ci --no-audit --no-fund", folder);
            Assert.True(ciCode == 0, $"npm ci failed in {folder}:\n{ciOutput}");
        }
        var (code, output) = await RunAsync("node", $"check.mjs {sim.BaseUrl}", folder);
        Assert.True(code == 0, output);
        Assert.Contains("confluence.js check passed", output, StringComparison.Ordinal);
    }

    private static string FindScriptFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "AtlassianSimulator.Tests", "confluence-js");
            if (File.Exists(Path.Combine(candidate, "check.mjs")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("tests/AtlassianSimulator.Tests/confluence-js not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string arguments, string folder)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}; is it installed?");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
