using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults;

/// <summary>What every platform process shares: OpenTelemetry and health endpoints.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Health checks tagged with this run on <c>/health/ready</c>; untagged ones only on liveness.</summary>
    public const string ReadyTag = "ready";

    public const string LivenessPath = "/health/live";
    public const string ReadinessPath = "/health/ready";

    /// <summary>Set to <c>true</c> to serve Prometheus' scrape endpoint at <see cref="MetricsPath"/>.</summary>
    public const string PrometheusSetting = "Telemetry:Prometheus";
    public const string MetricsPath = "/metrics";

    /// <summary>The host's own setting for how long a shutdown may take.</summary>
    public const string ShutdownTimeoutSetting = "shutdownTimeoutSeconds";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        // This category logs every request's full URL, query string included, and OAuth callbacks carry the
        // authorization code and state there. Pinned in code so no log-level setting can turn it back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(TelemetryNames.OrleansMeter, TelemetryNames.PlatformMeter, TelemetryNames.RuntimeMeter)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusIf(builder.Configuration.GetValue<bool>(PrometheusSetting)));

        // Export only where a collector is configured. Traces have no other reader, so without one no activity is
        // recorded: each would cost every call several allocations (the request, both sides of the grain hop, the
        // Confluence request) for nothing. Metrics stay, for the Prometheus endpoint.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(TelemetryNames.OrleansRuntimeSource, TelemetryNames.OrleansApplicationSource, TelemetryNames.PlatformSource)
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        builder.Services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ShutdownDrain>());
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy());
        return builder;
    }

    /// <summary>
    /// Unless <c>shutdownTimeoutSeconds</c> is configured, the host gives a SIGTERM the drain delay plus
    /// <paramref name="longestRequest"/> before it abandons what is still running, so requests in flight can finish.
    /// </summary>
    public static IHostApplicationBuilder ShutDownWithin(this IHostApplicationBuilder builder, TimeSpan longestRequest)
    {
        if (string.IsNullOrEmpty(builder.Configuration[ShutdownTimeoutSetting]))
        {
            var drain = builder.Configuration.GetSection(ShutdownOptions.Section).Get<ShutdownOptions>()?.DrainDelay ?? TimeSpan.Zero;
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = drain + longestRequest);
        }

        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // From SIGTERM on, readiness fails at once and quietly (a failed check would log an error at every probe).
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use((context, next) => stopping.IsCancellationRequested && context.Request.Path.Equals(ReadinessPath, StringComparison.OrdinalIgnoreCase)
            ? Results.Text("Shutting down: finishing the requests in flight.", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context)
            : next(context));
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = check => !check.Tags.Contains(ReadyTag) });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = _ => true });
        if (app.Configuration.GetValue<bool>(PrometheusSetting))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        }

        return app;
    }

    private static MeterProviderBuilder AddPrometheusIf(this MeterProviderBuilder metrics, bool enabled) =>
        enabled ? metrics.AddPrometheusExporter() : metrics;
}
