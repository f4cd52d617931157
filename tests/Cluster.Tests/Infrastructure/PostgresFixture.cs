namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL 15 for the whole test run: the one named by PLATFORM_TEST_POSTGRES (CI starts it), or a throwaway
/// server this fixture starts on a free loopback port and removes afterwards. Each test gets its own database.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string ExternalServerVariable = "PLATFORM_TEST_POSTGRES";
    private ThrowawayPostgres? owned;
    private PostgresServer server = null!;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            server = new PostgresServer(external);
            return;
        }

        owned = await ThrowawayPostgres.StartAsync();
        server = owned.Server;
    }

    public async Task DisposeAsync()
    {
        if (owned is not null)
        {
            await owned.DisposeAsync();
        }
    }

    /// <inheritdoc cref="PostgresServer.CreateDatabaseAsync"/>
    public Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();

    /// <inheritdoc cref="PostgresServer.CreateMigratedDatabaseAsync"/>
    public Task<string> CreateMigratedDatabaseAsync() => server.CreateMigratedDatabaseAsync();

    /// <inheritdoc cref="PostgresServer.CreateMigratedDatabaseWithRolesAsync"/>
    public Task<PlatformDatabase> CreateMigratedDatabaseWithRolesAsync() => server.CreateMigratedDatabaseWithRolesAsync();
}

[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
