using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Platform.Demo;

/// <summary>The demo's two ports, from the command line or DEMO_* environment variables.</summary>
internal sealed record DemoSettings(int Port, int SimulatorPort, string? Problem)
{
    public static DemoSettings Read(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("DEMO_")
            .AddCommandLine(args, new Dictionary<string, string> { ["--port"] = "Port", ["--simulator-port"] = "SimulatorPort" })
            .Build();
        var port = configuration["Port"] ?? "5080";
        var simulatorPort = configuration["SimulatorPort"] ?? "5070";
        return IsPort(port) && IsPort(simulatorPort) && port != simulatorPort
            ? new DemoSettings(int.Parse(port, CultureInfo.InvariantCulture), int.Parse(simulatorPort, CultureInfo.InvariantCulture), null)
            : new DemoSettings(0, 0, $"--port ({port}) and --simulator-port ({simulatorPort}) must be two different ports between 1 and 65535.");
    }

    private static bool IsPort(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535;
}
