using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.Grains.Confluence;
using Platform.ServiceDefaults;

namespace Platform.Hosting;

public static class GracefulShutdownExtensions
{
    /// <summary>
    /// A stopping Api or silo waits as long as a tool call can take (the hop timeout, from <c>Confluence:Timeout</c>)
    /// after its drain delay, so no call in flight is cut short, unless <c>shutdownTimeoutSeconds</c> says otherwise.
    /// </summary>
    public static IHostApplicationBuilder AddGracefulShutdown(this IHostApplicationBuilder builder)
    {
        var confluence = builder.Configuration.GetSection(ConfluenceOptions.Section).Get<ConfluenceOptions>() ?? new ConfluenceOptions();
        return builder.ShutDownWithin(confluence.HopTimeout);
    }
}
