using Npgsql;
using Platform.Database;
using Platform.Hosting;

namespace Platform.Silo;

/// <summary>
/// <c>Silo migrate</c>: brings the platform database schema up to this build's version, then exits. With the passwords of
/// <c>Database:Roles</c> it also creates or updates the owner, Orleans, audit writer and audit reader roles and grants
/// each only its duty (see <see cref="DatabaseRoles"/>). It connects with <c>Database:MigratorConnectionString</c> (an
/// administrative role, or the owner role once the roles exist), else with <c>Hosting:PostgresConnectionString</c>;
/// creating roles needs a role that may create roles. Passwords are never printed or logged.
/// </summary>
internal static class MigrateCommand
{
    public const string MigratorConnectionSetting = "Database:MigratorConnectionString";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var connectionString = builder.Configuration[MigratorConnectionSetting] is { } migratorConnection && !string.IsNullOrWhiteSpace(migratorConnection)
            ? migratorConnection
            : builder.Configuration[$"{HostingOptions.Section}:{nameof(HostingOptions.PostgresConnectionString)}"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync(
                "migrate needs Database:MigratorConnectionString (environment: Database__MigratorConnectionString), "
                + "or Hosting:PostgresConnectionString.");
            return 2;
        }

        var roleOptions = builder.Configuration.GetSection(DatabaseRoleOptions.Section).Get<DatabaseRoleOptions>() ?? new DatabaseRoleOptions();
        DatabaseRoles? roles = null;
        try
        {
            roles = roleOptions.AnyPassword ? new DatabaseRoles(roleOptions) : null;
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        using var host = builder.Build();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new DatabaseMigrator(dataSource, host.Services.GetRequiredService<ILogger<DatabaseMigrator>>());
        var result = await migrator.MigrateAsync(roles);
        Console.WriteLine(result.Applied.Count == 0
            ? $"Schema is up to date ({result.Known} migrations)."
            : $"Applied migrations {string.Join(", ", result.Applied)} of {result.Known}.");
        Console.WriteLine(roles is null
            ? "No Database:Roles passwords given: no roles created; every process would use one connection (development only)."
            : $"Roles {roles.Owner} (owner), {roles.Orleans}, {roles.AuditWriter} and {roles.AuditReader} are in place with their grants.");
        return 0;
    }
}
