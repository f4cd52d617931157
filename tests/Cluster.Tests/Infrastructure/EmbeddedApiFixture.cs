using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>One embedded Api process with an operator key, shared by the admin API tests; each test makes its own tenants.</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-admin-fixture-2f7a";

    private PlatformProcess? api;

    public PlatformProcess Api => api!;

    public async Task InitializeAsync() => api = await PlatformProcess.StartEmbeddedApiAsync(FreePorts.Next(), OperatorKey);

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>A client of the Api sending <paramref name="key"/> as its bearer token, or none.</summary>
    public HttpClient Client(string? key = OperatorKey)
    {
        var http = new HttpClient { BaseAddress = Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    /// <summary>A new active tenant, created by the operator.</summary>
    public async Task<string> NewTenantAsync()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..30];
        using var http = Client();
        (await http.PostAsJsonAsync("/admin/v1/tenants", new { id = tenant, displayName = "Admin API test" })).EnsureSuccessStatusCode();
        (await http.PostAsync(new Uri($"/admin/v1/tenants/{tenant}/activate", UriKind.Relative), null)).EnsureSuccessStatusCode();
        return tenant;
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedApiCollection : ICollectionFixture<EmbeddedApiFixture>
{
    public const string Name = "embedded api";
}
