using System.Reflection;

namespace Platform.Audit.Tests.Infrastructure;

/// <summary>Where the build put the scripts and the Silo these tests use.</summary>
internal static class BuildPaths
{
    public static string SiloAssembly => Get("SiloAssembly");

    public static string RepositoryRoot => Path.GetFullPath(Get("RepositoryRoot"));

    private static string Get(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Build metadata {key} is missing.");
}
