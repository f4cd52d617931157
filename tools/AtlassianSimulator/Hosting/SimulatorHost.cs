using System.Text.Json.Serialization;
using AtlassianSimulator.Access;
using AtlassianSimulator.Confluence;
using AtlassianSimulator.Control;
using AtlassianSimulator.Faults;
using AtlassianSimulator.OAuth;
using AtlassianSimulator.State;
using Microsoft.Extensions.Options;

namespace AtlassianSimulator.Hosting;

/// <summary>Builds the simulator web application; used by Program and by in-process tests (which may supply their own clock).</summary>
public static class SimulatorHost
{
    public static WebApplication Build(string[] args, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<OAuthOptions>().BindConfiguration("OAuth");
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimit");
        builder.Services.AddOptions<SeedOptions>().BindConfiguration("Seed");
        builder.Services.AddSingleton(new SimulatorClock(clock ?? TimeProvider.System));
        builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<SimulatorClock>());
        builder.Services.AddSingleton<SimulatorStore>();
        builder.Services.AddSingleton<OAuthService>();
        builder.Services.AddSingleton<Counters>();
        builder.Services.AddSingleton<FaultState>();
        builder.Services.AddSingleton<RateLimiter>();
        builder.Services.AddSingleton<ConcurrencyLimiter>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);

        var app = builder.Build();
        var store = app.Services.GetRequiredService<SimulatorStore>();
        lock (store.Gate)
        {
            SeedGenerator.Apply(store, app.Services.GetRequiredService<IOptions<SeedOptions>>().Value);
        }
        app.UseRouting();
        app.UseMiddleware<ApiGateMiddleware>();
        app.MapOAuthApi();
        app.MapGatewayApi();
        app.MapConfluence();
        app.MapControlApi();
        return app;
    }
}
