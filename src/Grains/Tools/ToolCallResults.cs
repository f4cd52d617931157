using System.Globalization;
using System.Text.Json;
using Platform.Confluence.Tools;
using Platform.Grains.Confluence;
using Platform.Grains.Governance;
using Platform.Grains.Identity;

namespace Platform.Grains.Tools;

/// <summary>The results a tool call can end in, with the sentence each gives the model.</summary>
internal static class ToolCallResults
{
    private static readonly JsonDocumentOptions UniqueNames = new() { AllowDuplicateProperties = false };

    /// <summary>Why governance, or the caller's read-only grant, refuses <paramref name="call"/>; null when the user may make it.</summary>
    public static ToolCallResult? Refusal(EffectiveToolPolicy policy, UserId user, ConfluenceTool? tool, ToolCall call)
    {
        if (policy.DenialReason(user) is { } reason)
        {
            return new ToolCallResult(ToolCallStatus.Denied, reason);
        }

        if (tool is null)
        {
            return new ToolCallResult(ToolCallStatus.UnknownTool, "Unknown tool. Call tools/list for the tools you may use.");
        }

        if (!policy.Allows(tool.Definition.Name, tool.Definition.DefinitionHash))
        {
            return new ToolCallResult(ToolCallStatus.Denied,
                $"The tool '{tool.Definition.Name}' is not available to you: it is not approved, not in a toolset granted to you, or disabled. Call tools/list for the tools you may use.");
        }

        return call.ReadOnly && tool.Definition.Access != ToolAccess.Read
            ? new ToolCallResult(ToolCallStatus.Denied,
                $"'{tool.Definition.Name}' changes Confluence, and this client was granted read access only. Sign in again granting confluence:write.")
            : null;
    }

    /// <summary>
    /// The arguments as a JSON object, or the result that refuses them. A name given twice is refused: the tool and the
    /// audit record would otherwise be free to read different values from one call.
    /// </summary>
    public static ToolCallResult? ParseArguments(string json, out JsonElement arguments)
    {
        arguments = default;
        try
        {
            using var document = JsonDocument.Parse(json, UniqueNames);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                arguments = document.RootElement.Clone();
                return null;
            }
        }
        catch (JsonException) when (IsJson(json))
        {
            return new ToolCallResult(ToolCallStatus.InvalidArguments, "The arguments give a property name twice; give each argument once.");
        }
        catch (JsonException)
        {
            // Answered below, as for any other non-object.
        }

        return new ToolCallResult(ToolCallStatus.InvalidArguments, "The arguments must be a JSON object.");
    }

    private static bool IsJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static ToolCallResult FromOutcome(ToolOutcome outcome) => outcome.Kind switch
    {
        ToolOutcomeKind.Success => new ToolCallResult(ToolCallStatus.Succeeded, outcome.Text, outcome.StructuredJson, UpstreamStatus: outcome.UpstreamStatus,
            Images: outcome.Images is { Count: > 0 } images ? [.. images.Select(image => new ToolCallImage(image.MimeType, image.Data, image.Name))] : null),
        ToolOutcomeKind.InvalidArguments => new ToolCallResult(ToolCallStatus.InvalidArguments, outcome.Text),
        _ => new ToolCallResult(ToolCallStatus.ToolError, outcome.Text, UpstreamStatus: outcome.UpstreamStatus, RetryAfter: outcome.RetryAfter),
    };

    public static ToolCallResult Abandoned(AbandonReason reason, TimeSpan timeout) => reason == AbandonReason.Client
        ? new ToolCallResult(ToolCallStatus.Cancelled, "The call was cancelled before Confluence answered; nothing was changed.")
        : TimedOut(writeSent: false, timeout);

    public static ToolCallResult TimedOut(bool writeSent, TimeSpan timeout)
    {
        var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return new ToolCallResult(ToolCallStatus.TimedOut, writeSent
            ? $"Confluence did not confirm the change within {seconds} s; it may still have been applied. Read the content to check before trying again."
            : $"Confluence did not answer within {seconds} s; nothing was changed. Try again in a minute.",
            RetryAfter: TimeSpan.FromMinutes(1));
    }

    public static ToolCallResult Failed(bool writeSent) => new(ToolCallStatus.Failed, writeSent
        ? "The gateway failed after sending the change to Confluence; it may have been applied. Read the content to check before trying again."
        : "The gateway failed before sending anything to Confluence; nothing was changed. Try again.");

    /// <summary>Renewing the token failed at Atlassian (the app's credentials, or the service is down): nothing was sent.</summary>
    public static ToolCallResult TokenServiceFailed(string reason) =>
        new(ToolCallStatus.ToolError, $"{reason} Nothing was sent to Confluence; try again in a minute.", RetryAfter: TimeSpan.FromMinutes(1));

    /// <summary>The gateway refused to reach where Confluence (or the tenant's site) pointed: nothing was read from there.</summary>
    public static ToolCallResult DestinationRefused(string reason) =>
        new(ToolCallStatus.ToolError, $"{reason} Ask an admin to check the organisation's Confluence site.");

    /// <summary>The tenant's integration cannot serve calls yet; an admin has to finish it.</summary>
    public static ToolCallResult IntegrationIncomplete(string reason) =>
        new(ToolCallStatus.ToolError, $"{reason} Nothing was sent to Confluence.");

    /// <summary>Confluence refused the credentials (401): who has to act depends on whose credentials they were.</summary>
    public static ToolCallResult CredentialsRefused(CredentialKind kind) => kind switch
    {
        CredentialKind.ServiceAccount => new ToolCallResult(ToolCallStatus.ToolError,
            "Confluence refused this organisation's service account (401): its API token was revoked or replaced. Ask an admin to set a new one.",
            UpstreamStatus: 401),
        _ => new ToolCallResult(ToolCallStatus.ConnectionRequired, kind == CredentialKind.SharedOAuth
            ? "Atlassian no longer accepts your organisation's shared connection (it was revoked or expired); ask an admin to reconnect it."
            : "Atlassian no longer accepts your connection (it was revoked or expired); connect your Atlassian account again.",
            UpstreamStatus: 401),
    };
}
