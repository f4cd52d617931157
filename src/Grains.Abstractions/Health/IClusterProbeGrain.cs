namespace Platform.Grains.Health;

/// <summary>
/// Answers at once from the silo the call reaches, touching no storage: a readiness check's proof that this process's
/// Orleans connection reaches a working silo, whatever the database is doing. Key: <see cref="GrainKeys.Platform"/>.
/// </summary>
[Alias("Platform.IClusterProbeGrain")]
public interface IClusterProbeGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task PingAsync();
}
