namespace AtlassianSimulator.Access;

/// <summary>Marks an endpoint as a Confluence operation: it needs a caller, scopes and counts toward quotas.</summary>
public sealed record OperationMetadata(string OperationId, ApiVersion Version);

public enum ApiVersion { V1, V2 }

public static class OperationMetadataExtensions
{
    public static RouteHandlerBuilder V2(this RouteHandlerBuilder builder, string operationId) =>
        builder.WithMetadata(new OperationMetadata(operationId, ApiVersion.V2));

    public static RouteHandlerBuilder V1(this RouteHandlerBuilder builder, string operationId) =>
        builder.WithMetadata(new OperationMetadata(operationId, ApiVersion.V1));
}
