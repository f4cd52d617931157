namespace Platform.Api.Admin;

/// <summary>A write-only secret: the client secret or the service account's API token.</summary>
public sealed record SecretRequest(string? Value);
