using Npgsql;
using Platform.Database;
using Platform.Hosting;

namespace Platform.Silo;

/// <summary><c>Silo migrate</c>: brings the platform database schema up to this build's version, then exits.</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var connectionString = builder.Configuration[$"{HostingOptions.Section}:{nameof(HostingOptions.PostgresConnectionString)}"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync(
                "migrate needs Hosting:PostgresConnectionString (environment: Hosting__PostgresConnectionString).");
            return 2;
        }

        using var host = builder.Build();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new DatabaseMigrator(dataSource, host.Services.GetRequiredService<ILogger<DatabaseMigrator>>());
        var result = await migrator.MigrateAsync();
        Console.WriteLine(result.Applied.Count == 0
            ? $"Schema is up to date ({result.Known} migrations)."
            : $"Applied migrations {string.Join(", ", result.Applied)} of {result.Known}.");
        return 0;
    }
}
