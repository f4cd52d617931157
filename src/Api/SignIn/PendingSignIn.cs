using Platform.Grains.SignIn;

namespace Platform.Api.SignIn;

/// <summary>One sign-in in progress (see <see cref="SignInFlow"/>).</summary>
public sealed record PendingSignIn(string Tenant, string Nonce, string ReturnUrl, OidcSignInRequest? Oidc);
