namespace Platform.Api.Admin;

/// <summary>A one-time link the user opens to consent at Atlassian.</summary>
public sealed record ConnectLinkResponse(Uri Url);
