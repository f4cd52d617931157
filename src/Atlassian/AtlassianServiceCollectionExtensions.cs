using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;

namespace Platform.Atlassian;

public static class AtlassianServiceCollectionExtensions
{
    /// <summary>Registers the Atlassian clients with their options (section <c>Atlassian</c>), validated at start.</summary>
    public static IServiceCollection AddAtlassianClients(this IServiceCollection services)
    {
        services.AddOptions<AtlassianOptions>().BindConfiguration(AtlassianOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        // Its endpoints are the operator's configuration, not tenant input, so no address check; but none of them
        // redirects, and a redirect (a misconfiguration or a compromised endpoint) is not followed with a client secret.
        services.AddHttpClient<AtlassianOAuthClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                // The client below lives as long as the process: recycled connections see DNS changes.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        // One instance, not one per grain activation: every user's grain holds it (100,000 users were 100,000 HttpClients).
        services.AddSingleton(provider => provider.GetRequiredService<ITypedHttpClientFactory<AtlassianOAuthClient>>()
            .CreateClient(provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AtlassianOAuthClient))));
        return services;
    }
}
