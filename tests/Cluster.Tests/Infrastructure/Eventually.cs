using System.Diagnostics;

namespace Platform.Cluster.Tests.Infrastructure;

internal static class Eventually
{
    /// <summary>Retries an assertion while the cluster converges (membership, failure detection); rethrows after the timeout.</summary>
    public static async Task Holds(Func<Task> assertion, int timeoutSeconds = 90)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromSeconds(timeoutSeconds))
            {
                await Task.Delay(250);
            }
        }
    }
}
