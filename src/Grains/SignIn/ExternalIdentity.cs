namespace Platform.Grains.SignIn;

/// <summary>Who an identity provider (or Atlassian) says signed in.</summary>
internal sealed record ExternalIdentity(string Subject, string? Email, bool EmailVerified, string? Name);
