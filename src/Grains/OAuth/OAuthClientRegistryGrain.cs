using Platform.Grains.Refusals;

namespace Platform.Grains.OAuth;

public sealed class OAuthClientRegistryGrain(
    [PersistentState("oauth-clients", StorageNames.Platform)] IPersistentState<OAuthClientRegistryState> state) : Grain, IOAuthClientRegistryGrain
{
    /// <summary>Dynamic registration is open to anyone on the internet; this bounds what they can make a tenant store.</summary>
    public const int MaxDynamicClients = 1000;
    private const int MaxListedClientIds = 500;
    private const int MaxClientIdLength = 2048;

    private OAuthClientRegistryState S => state.State;

    public Task<OAuthClientPolicy> GetPolicyAsync() => Task.FromResult(S.Policy);

    public async Task<OAuthClientPolicy> SetPolicyAsync(OAuthClientPolicy policy)
    {
        var valid = policy with
        {
            AllowedClientIds = ValidIds(policy.AllowedClientIds, nameof(policy.AllowedClientIds)),
            BlockedClientIds = ValidIds(policy.BlockedClientIds, nameof(policy.BlockedClientIds)),
        };
        S.Policy = valid;
        await WriteAsync();
        return valid;
    }

    public Task<OAuthClientEntry?> FindAsync(string clientId) =>
        Task.FromResult(S.Clients.GetValueOrDefault(clientId ?? ""));

    public Task<IReadOnlyList<OAuthClientEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<OAuthClientEntry>>([.. S.Clients.Values.OrderBy(c => c.CreatedAt).ThenBy(c => c.ClientId, StringComparer.Ordinal)]);

    public async Task RegisterAsync(OAuthClientEntry client)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId) || client.ClientId.Length > MaxClientIdLength)
        {
            throw new InvalidRequestException("clientId", $"A client id is 1 to {MaxClientIdLength} characters.");
        }

        if (client.Registration == ClientRegistration.MetadataDocument)
        {
            throw new InvalidRequestException("clientId", "Clients known by a metadata document URL are not registered.");
        }

        if (S.Clients.ContainsKey(client.ClientId))
        {
            throw new ConflictException($"A client with id {Echo.Quote(client.ClientId)} already exists.");
        }

        if (client.Registration == ClientRegistration.Dynamic && S.Clients.Values.Count(c => c.Registration == ClientRegistration.Dynamic) >= MaxDynamicClients)
        {
            throw new ConflictException("This organisation holds as many dynamically registered clients as it may; ask an admin to remove unused ones.");
        }

        S.Clients[client.ClientId] = client;
        await WriteAsync();
    }

    public async Task<string> UpdateAsync(OAuthClientEntry client, string expectedConcurrencyToken)
    {
        if (!S.Clients.TryGetValue(client.ClientId, out var stored) || stored.ConcurrencyToken != expectedConcurrencyToken)
        {
            throw new OAuthConcurrencyException("The client was changed or removed by someone else; reload it and try again.");
        }

        client.ConcurrencyToken = Guid.NewGuid().ToString("N");
        S.Clients[client.ClientId] = client;
        await WriteAsync();
        return client.ConcurrencyToken;
    }

    public async Task<bool> DeleteAsync(string clientId)
    {
        if (!S.Clients.Remove(clientId ?? ""))
        {
            return false;
        }

        await WriteAsync();
        return true;
    }

    private static List<string> ValidIds(IReadOnlyList<string>? ids, string field)
    {
        var list = (ids ?? []).Select(id => id?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > MaxListedClientIds || list.Any(id => id.Length is 0 or > MaxClientIdLength))
        {
            throw new InvalidRequestException(field, $"{field} holds at most {MaxListedClientIds} client ids of 1 to {MaxClientIdLength} characters.");
        }

        return list;
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
