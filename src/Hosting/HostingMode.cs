namespace Platform.Hosting;

public enum HostingMode
{
    /// <summary>One process: the Api co-hosts a silo with localhost clustering and in-memory state.</summary>
    Embedded = 0,

    /// <summary>Silo processes on PostgreSQL; Api processes join them as Orleans clients.</summary>
    Cluster = 1,
}
