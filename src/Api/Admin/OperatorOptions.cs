namespace Platform.Api.Admin;

/// <summary>Section <c>Admin</c>: who may call the operator API.</summary>
public sealed class OperatorOptions
{
    public const string Section = "Admin";

    /// <summary>The operator key (a secret, e.g. from a Kubernetes Secret). Empty disables the operator API.</summary>
    public string? OperatorKey { get; set; }
}
