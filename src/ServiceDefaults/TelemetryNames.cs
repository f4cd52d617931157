namespace Platform.ServiceDefaults;

/// <summary>Meter and activity source names the platform emits or listens to.</summary>
public static class TelemetryNames
{
    public const string OrleansMeter = "Microsoft.Orleans";
    public const string OrleansRuntimeSource = "Microsoft.Orleans.Runtime";
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";
    public const string PlatformMeter = "Platform";
    public const string RuntimeMeter = "System.Runtime";
    public const string PlatformSource = "Platform";
}
