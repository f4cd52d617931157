using System.Text.Json;
using Platform.Confluence.Tools;
using Platform.Grains.Connections;
using Platform.Grains.Governance;
using Platform.Grains.Identity;
using Platform.Grains.RateLimits;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Tools;

/// <summary>
/// Runs one tool call for a user whose policy is known: refuses what governance does not allow, checks the arguments
/// are a JSON object, takes the call's rate-limit permit, runs the tool over the user's Confluence transport and says
/// how it ended. Refused calls (governance, arguments, limits) never reach Confluence.
/// </summary>
public sealed class ToolInvoker(ToolCatalog catalog, PlatformMetrics metrics)
{
    public async Task<ToolCallResult> InvokeAsync(
        (TenantId Tenant, UserId User) caller,
        EffectiveToolPolicy policy,
        ToolCall call,
        Func<string, Task<CallAdmission>> admit,
        IConfluenceApi confluence,
        CancellationToken cancellationToken)
    {
        var user = caller.User;
        if (policy.DenialReason(user) is { } reason)
        {
            return new ToolCallResult(ToolCallStatus.Denied, reason);
        }

        var tool = catalog.Find(call.ToolName);
        if (tool is null)
        {
            return new ToolCallResult(ToolCallStatus.UnknownTool, $"Unknown tool: '{call.ToolName}'. Call tools/list for the tools you may use.");
        }

        if (!policy.AllowedTools.TryGetValue(tool.Definition.Name, out var approvedHash) || approvedHash != tool.Definition.DefinitionHash)
        {
            return new ToolCallResult(ToolCallStatus.Denied,
                $"The tool '{call.ToolName}' is not available to you: it is not approved, not in a toolset granted to you, or disabled. Call tools/list for the tools you may use.");
        }

        if (!TryParseObject(call.ArgumentsJson, out var arguments))
        {
            return new ToolCallResult(ToolCallStatus.InvalidArguments, "The arguments must be a JSON object.");
        }

        var admission = await admit(tool.Definition.Name);
        if (!admission.TryGetPermit(out var permit, out var refusal))
        {
            metrics.RateLimited(caller.Tenant, refusal.Limit.ToString());
            return refusal.ToToolCallResult();
        }

        using (permit)
        {
            return await RunAsync(tool, arguments, confluence, cancellationToken);
        }
    }

    private static async Task<ToolCallResult> RunAsync(ConfluenceTool tool, JsonElement arguments, IConfluenceApi confluence, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await tool.InvokeAsync(arguments, confluence, cancellationToken);
            return outcome.Kind switch
            {
                ToolOutcomeKind.Success => new ToolCallResult(ToolCallStatus.Succeeded, outcome.Text, outcome.StructuredJson, UpstreamStatus: outcome.UpstreamStatus),
                ToolOutcomeKind.InvalidArguments => new ToolCallResult(ToolCallStatus.InvalidArguments, outcome.Text),
                _ => new ToolCallResult(ToolCallStatus.ToolError, outcome.Text, UpstreamStatus: outcome.UpstreamStatus, RetryAfter: outcome.RetryAfter),
            };
        }
        catch (ConnectionRequiredException exception)
        {
            return new ToolCallResult(ToolCallStatus.ConnectionRequired, exception.Message, ConnectLink: exception.ConnectLink);
        }
    }

    private static bool TryParseObject(string json, out JsonElement arguments)
    {
        arguments = default;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            arguments = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
