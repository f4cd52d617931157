using System.Reflection;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>Where the build put the processes these tests start.</summary>
internal static class BuildPaths
{
    public static string SiloAssembly => Get("SiloAssembly");

    public static string ApiAssembly => Get("ApiAssembly");

    public static string RepositoryRoot => Path.GetFullPath(Get("RepositoryRoot"));

    private static string Get(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Build metadata {key} is missing.");
}
