namespace AtlassianSimulator.Access;

/// <summary>Marks an endpoint as a Confluence operation: it needs a caller, scopes and counts toward quotas.</summary>
public sealed record OperationMetadata(string OperationId, ApiVersion Version)
{
    /// <summary>Built once so the hot path does not allocate a counter name per request.</summary>
    public string CounterName { get; } = "api." + OperationId;
}

public enum ApiVersion { V1, V2 }

public static class OperationMetadataExtensions
{
    public static RouteHandlerBuilder V2(this RouteHandlerBuilder builder, string operationId) =>
        builder.WithMetadata(new OperationMetadata(operationId, ApiVersion.V2));

    public static RouteHandlerBuilder V1(this RouteHandlerBuilder builder, string operationId) =>
        builder.WithMetadata(new OperationMetadata(operationId, ApiVersion.V1));
}
