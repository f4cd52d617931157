using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Platform.Api.Mcp;

/// <summary>
/// <c>subscriptions/listen</c> (2026-07-28, SEP-2575): how a client without a session hears that its tools changed. The
/// request stays open; its response stream first carries the acknowledgement of what will be delivered (only
/// <c>toolsListChanged</c> here), then each <c>notifications/tools/list_changed</c>, until the client cancels it.
/// </summary>
public static class McpSubscriptions
{
    public static async ValueTask<EmptyResult> ListenAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        if (!McpCaller.TryFrom(request.User, out var caller))
        {
            throw new McpProtocolException("The request is not authenticated.", McpErrorCode.InvalidRequest);
        }

        var subscription = request.JsonRpcRequest.Id;
        var toolsListChanged = request.Params?.Notifications?.ToolsListChanged == true;
        await request.Server.SendMessageAsync(new JsonRpcNotification
        {
            Method = NotificationMethods.SubscriptionsAcknowledgedNotification,
            Params = new JsonObject
            {
                ["notifications"] = toolsListChanged ? new JsonObject { ["toolsListChanged"] = true } : new JsonObject(),
                ["_meta"] = new JsonObject { [MetaKeys.SubscriptionId] = JsonSerializer.SerializeToNode(subscription, McpJsonUtilities.DefaultOptions) },
            },
        }, cancellationToken);
        if (toolsListChanged)
        {
            await request.Services!.GetRequiredService<McpSessionRegistry>().ListenAsync(caller, request.Server, subscription, cancellationToken);
        }
        else
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return new EmptyResult();
    }
}
