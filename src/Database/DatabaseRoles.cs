using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.Database;

/// <summary>
/// The platform's database roles, one per duty, so no process holds more than its job needs:
/// <list type="bullet">
/// <item><see cref="Owner"/> owns every table and function (migrations run as it); nothing runs as it otherwise.</item>
/// <item><see cref="Orleans"/>: the Orleans tables (membership, grain state, reminders), nothing else.</item>
/// <item><see cref="AuditWriter"/>: INSERT into <c>audit_log</c>, create chain heads and move them forward (the
/// triggers allow forward only); no UPDATE, DELETE or TRUNCATE of rows, no DDL, so it cannot switch triggers off.</item>
/// <item><see cref="AuditReader"/>: SELECT on the audit tables.</item>
/// </list>
/// Applying is idempotent: roles are created or updated (passwords sent as SCRAM verifiers only), and privileges are
/// revoked and granted again in one transaction, so a grant removed from this class disappears from the database too.
/// </summary>
public sealed partial class DatabaseRoles
{
    private const int MinPasswordChars = 16;

    private readonly DatabaseRoleOptions options;

    public DatabaseRoles(DatabaseRoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        if (!PrefixPattern().IsMatch(options.Prefix))
        {
            throw new ArgumentException($"{DatabaseRoleOptions.Section}:Prefix must be 1 to 40 lowercase letters, digits or '_', starting with a letter.");
        }

        foreach (var (name, password) in Passwords())
        {
            if (password is null || password.Length < MinPasswordChars || password.Any(c => c is < ' ' or > '~'))
            {
                throw new ArgumentException(
                    $"{DatabaseRoleOptions.Section}:{name} must be at least {MinPasswordChars} printable ASCII characters (every role password is needed once any is given).");
            }
        }
    }

    public string Owner => $"{options.Prefix}_owner";

    public string Orleans => $"{options.Prefix}_orleans";

    public string AuditWriter => $"{options.Prefix}_audit_writer";

    public string AuditReader => $"{options.Prefix}_audit_reader";

    /// <summary>
    /// Creates or updates the four login roles, lets the connecting role act as the owner, and hands the owner what the
    /// connecting role created before roles existed. Run before migrating, with a role that may create roles.
    /// </summary>
    public async Task PrepareAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var (role, password) in new[]
        {
            (Owner, options.OwnerPassword!), (Orleans, options.OrleansPassword!), (AuditWriter, options.AuditWriterPassword!), (AuditReader, options.AuditReaderPassword!),
        })
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", connection) { Parameters = { new() { Value = role } } };
            var verb = await exists.ExecuteScalarAsync(cancellationToken) is null ? "CREATE" : "ALTER";
            // DDL takes no parameters; the verifier is base64 and '$', so it cannot end the literal.
            await ExecuteAsync(
                connection,
                $"{verb} ROLE {Quote(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT PASSWORD '{ScramVerifier.Create(password)}'",
                cancellationToken);
        }

        await ExecuteAsync(connection, $"""
            DO $$
            DECLARE
                item record;
            BEGIN
                IF current_user <> '{Owner}' AND NOT pg_has_role(current_user, '{Owner}', 'MEMBER') THEN
                    EXECUTE 'GRANT {Quote(Owner)} TO ' || quote_ident(current_user);
                END IF;
                GRANT USAGE, CREATE ON SCHEMA public TO {Quote(Owner)};
                FOR item IN
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S') AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
                LOOP
                    EXECUTE format('ALTER TABLE public.%I OWNER TO %I', item.relname, '{Owner}');
                END LOOP;
                FOR item IN
                    SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = 'public' AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
                      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
                LOOP
                    EXECUTE format('ALTER FUNCTION %s OWNER TO %I', item.signature, '{Owner}');
                END LOOP;
            END
            $$
            """, cancellationToken);
    }

    /// <summary>Revokes and grants every role's privileges on the migrated schema, in one transaction.</summary>
    public async Task GrantAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        string workers = $"{Quote(Orleans)}, {Quote(AuditWriter)}, {Quote(AuditReader)}";
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {workers};
            GRANT USAGE ON SCHEMA public TO {workers};
            GRANT SELECT, INSERT, UPDATE, DELETE ON orleansmembershipversiontable, orleansmembershiptable, orleansstorage, orleansreminderstable TO {Quote(Orleans)};
            GRANT SELECT ON orleansquery TO {Quote(Orleans)};
            GRANT INSERT ON audit_log TO {Quote(AuditWriter)};
            GRANT SELECT, INSERT ON audit_chain_heads TO {Quote(AuditWriter)};
            GRANT UPDATE (last_seq, last_hash) ON audit_chain_heads TO {Quote(AuditWriter)};
            GRANT SELECT ON audit_log, audit_chain_heads TO {Quote(AuditReader)};
            """, cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    private IEnumerable<(string Name, string? Password)> Passwords() =>
    [
        (nameof(DatabaseRoleOptions.OwnerPassword), options.OwnerPassword),
        (nameof(DatabaseRoleOptions.OrleansPassword), options.OrleansPassword),
        (nameof(DatabaseRoleOptions.AuditWriterPassword), options.AuditWriterPassword),
        (nameof(DatabaseRoleOptions.AuditReaderPassword), options.AuditReaderPassword),
    ];

    private static string Quote(string identifier) => $"\"{identifier}\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
