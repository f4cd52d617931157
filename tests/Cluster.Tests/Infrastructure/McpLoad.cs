using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// Closed-loop MCP callers: each client calls list_spaces and get_page in turn, the next call a think time after the last
/// one answered, until stopped; optionally also an open-loop probe that starts a call every interval, through the clients
/// in turn, whether or not earlier calls have been answered (so an outage that holds every caller still gets measured).
/// Every call is numbered and its outcome kept. A list_spaces call carries its number as a space-key filter
/// (<c>K{number}</c>, which matches no space), so its audit row names the call it belongs to.
/// </summary>
public sealed class McpLoad
{
    private readonly ConcurrentQueue<McpCallOutcome> outcomes = new();
    private volatile bool stopping;
    private readonly List<Task> callers;
    private int next;

    private McpLoad(IReadOnlyList<(McpUser User, McpClient Client)> clients, string pageId, TimeSpan thinkTime, TimeSpan? probeInterval)
    {
        callers = [.. clients.Select(caller => Task.Run(() => CallUntilStoppedAsync(caller.User, caller.Client, pageId, thinkTime)))];
        if (probeInterval is { } interval)
        {
            callers.Add(Task.Run(() => ProbeUntilStoppedAsync(clients, pageId, interval)));
        }
    }

    public static McpLoad Start(
        IReadOnlyList<(McpUser User, McpClient Client)> clients, string pageId, TimeSpan thinkTime, TimeSpan? probeInterval = null) =>
        new(clients, pageId, thinkTime, probeInterval);

    /// <summary>The outcomes of the calls answered so far.</summary>
    public IReadOnlyList<McpCallOutcome> Outcomes => [.. outcomes];

    /// <summary>Lets every caller finish the call it is making, then returns every outcome in the order they ended.</summary>
    public async Task<IReadOnlyList<McpCallOutcome>> StopAsync()
    {
        stopping = true;
        await Task.WhenAll(callers);
        return Outcomes;
    }

    /// <summary>The call number a list_spaces audit row carries in its arguments preview, if any.</summary>
    public static int? MarkerOf(JsonElement auditRow) =>
        auditRow.GetProperty("argumentsPreview").GetString() is { } preview
        && JsonDocument.Parse(preview).RootElement.TryGetProperty("keys", out var keys)
        && keys.EnumerateArray().FirstOrDefault().GetString() is ['K', .. var number]
            ? int.Parse(number, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The home page id of the space <paramref name="spaceKey"/>, read with one list_spaces call.</summary>
    public static async Task<string> HomePageOfAsync(McpClient client, string spaceKey)
    {
        var result = await client.CallToolAsync("list_spaces", new Dictionary<string, object?> { ["keys"] = new[] { spaceKey } });
        return result.StructuredContent!.Value.GetProperty("results")[0].GetProperty("homepageId").GetString()!;
    }

    private async Task CallUntilStoppedAsync(McpUser user, McpClient client, string pageId, TimeSpan thinkTime)
    {
        while (!stopping)
        {
            await CallAsync(user, client, pageId);
            await Task.Delay(thinkTime);
        }
    }

    private async Task ProbeUntilStoppedAsync(IReadOnlyList<(McpUser User, McpClient Client)> clients, string pageId, TimeSpan interval)
    {
        var probes = new List<Task>();
        for (var turn = 0; !stopping; turn++)
        {
            var (user, client) = clients[turn % clients.Count];
            probes.Add(CallAsync(user, client, pageId));
            await Task.Delay(interval);
        }

        await Task.WhenAll(probes);
    }

    private async Task CallAsync(McpUser user, McpClient client, string pageId)
    {
        var number = Interlocked.Increment(ref next);
        var (tool, arguments) = number % 2 == 0
            ? ("list_spaces", new Dictionary<string, object?> { ["keys"] = new[] { $"K{number}" }, ["limit"] = 1 })
            : ("get_page", new Dictionary<string, object?> { ["pageId"] = pageId });
        var started = DateTimeOffset.UtcNow;
        string? error;
        try
        {
            var result = await client.CallToolAsync(tool, arguments);
            error = result.IsError == true ? $"tool error: {string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text))}" : null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            error = $"{exception.GetType().Name}: {exception.Message}";
        }

        outcomes.Enqueue(new McpCallOutcome(number, user.Id, tool, started, DateTimeOffset.UtcNow, error));
    }
}

/// <summary>How one call of an <see cref="McpLoad"/> ended: <see cref="Error"/> is null for a successful result.</summary>
public sealed record McpCallOutcome(int Number, string User, string Tool, DateTimeOffset StartedAt, DateTimeOffset EndedAt, string? Error)
{
    public bool Succeeded => Error is null;

    public override string ToString() =>
        $"#{Number} {User} {Tool} at {StartedAt:HH:mm:ss.fff} for {(EndedAt - StartedAt).TotalMilliseconds:F0} ms: {Error ?? "ok"}";
}
