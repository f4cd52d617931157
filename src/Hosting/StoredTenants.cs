using Npgsql;
using Platform.Grains.Identity;
using Platform.Grains.Tenants;

namespace Platform.Hosting;

/// <summary>
/// The tenants in the Orleans storage table (rows of state <c>tenant</c>, whose string key is the whole grain key, see
/// docs/orleans-sql-contract.md), read once to seed the tenant registry on a deployment that predates it.
/// </summary>
internal sealed class StoredTenants(NpgsqlDataSource database, string serviceId) : IExistingTenants
{
    public async Task<IReadOnlyList<TenantId>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT GrainIdExtensionString FROM OrleansStorage WHERE ServiceId = $1 AND GrainTypeString = 'tenant' AND PayloadBinary IS NOT NULL");
        command.Parameters.AddWithValue(serviceId);
        var tenants = new List<TenantId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0) && TenantId.TryParse(reader.GetString(0), out var tenant))
            {
                tenants.Add(tenant);
            }
        }

        return tenants;
    }
}
