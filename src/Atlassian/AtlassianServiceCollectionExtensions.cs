using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Atlassian;

public static class AtlassianServiceCollectionExtensions
{
    /// <summary>Registers the Atlassian clients with their options (section <c>Atlassian</c>), validated at start.</summary>
    public static IServiceCollection AddAtlassianClients(this IServiceCollection services)
    {
        services.AddOptions<AtlassianOptions>().BindConfiguration(AtlassianOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<AtlassianOAuthClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
