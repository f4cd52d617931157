using Platform.Grains.Connections;

namespace Platform.Grains.Tenants;

/// <summary>Persisted state of <see cref="TenantGrain"/>. Stored as plain JSON: property names are the contract.</summary>
[GenerateSerializer, Alias("Platform.TenantState")]
public sealed class TenantState
{
    [Id(0)]
    public string DisplayName { get; set; } = "";

    [Id(1)]
    public TenantStatus Status { get; set; }

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public IntegrationSettings? Integration { get; set; }

    /// <summary>Sealed with the key ring; context <c>{tenant}:client_secret</c>.</summary>
    [Id(4)]
    public SealedSecret? ClientSecret { get; set; }

    /// <summary>Sealed with the key ring; context <c>{tenant}:api_token</c>.</summary>
    [Id(5)]
    public SealedSecret? ApiToken { get; set; }

    /// <summary>Users with a live connection: a scope change sends each of them back to consent.</summary>
    [Id(6)]
    public HashSet<string> ConnectedUsers { get; set; } = [];

    /// <summary>Moves on at every connect and disconnect of the shared connection (<see cref="OAuthAppRegistration.SharedConnectionEpoch"/>).</summary>
    [Id(7)]
    public long SharedConnectionEpoch { get; set; }

    /// <summary>Whether the tenant directory (the operator's list) holds this tenant.</summary>
    [Id(8)]
    public bool Listed { get; set; }
}
