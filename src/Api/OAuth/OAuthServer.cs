using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Platform.Api.SignIn;
using Platform.Grains.OAuth;
using Platform.Grains.Security;
using Platform.Outbound;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Api.OAuth;

/// <summary>
/// Each tenant's OAuth 2.1 authorization server: OpenIddict in every Api pod, with its stores on grains and its keys
/// derived from the key ring, so any pod serves any request. One OpenIddict server, one issuer per tenant
/// (<see cref="ResolveTenantIssuer"/>).
/// </summary>
public static class OAuthServer
{
    public static WebApplicationBuilder AddOAuthServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.Section).ValidateDataAnnotations()
            .Validate(oauth => HostAllowList.FirstInvalid(oauth.ClientMetadata.AllowedPrivateHosts) is null,
                "OAuth:ClientMetadata:AllowedPrivateHosts holds host patterns: host, host:port or *.domain[:port].")
            .ValidateOnStart();
        services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section)
            .Validate(ring => ring.ActiveKeyId is { } id && ring.Keys.ContainsKey(id),
                "Security:KeyRing needs Keys (id -> base64 of 32 bytes) and an ActiveKeyId naming one of them: the Api derives its token keys from it.")
            .ValidateOnStart();
        services.TryAddSingleton<SecretSealer>();
        services.AddHttpContextAccessor();
        services.TryAddSingleton<TenantUrls>();
        services.AddSingleton<OAuthSigningKeys>();
        services.AddSingleton<ClientMetadataDocuments>();
        services.AddSingleton<ClientPolicyCheck>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddHttpClient(ClientMetadataDocuments.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<IOptions<OAuthOptions>>().Value.ClientMetadata.CreateFetchHandler());

        services.AddOpenIddict()
            .AddCore(core =>
            {
                core.SetDefaultApplicationEntity<OAuthClientEntry>()
                    .SetDefaultAuthorizationEntity<OAuthAuthorizationEntry>()
                    .SetDefaultTokenEntity<OAuthTokenEntry>()
                    .SetDefaultScopeEntity<OAuthScopeEntry>();
                core.ReplaceApplicationStore<OAuthClientEntry, GrainApplicationStore>(ServiceLifetime.Scoped)
                    .ReplaceAuthorizationStore<OAuthAuthorizationEntry, GrainAuthorizationStore>(ServiceLifetime.Scoped)
                    .ReplaceTokenStore<OAuthTokenEntry, GrainTokenStore>(ServiceLifetime.Scoped)
                    .ReplaceScopeStore<OAuthScopeEntry, FixedScopeStore>(ServiceLifetime.Singleton);
            })
            .AddServer(server =>
            {
                // Relative URIs: each resolves under the request tenant's issuer.
                server.SetAuthorizationEndpointUris("oauth/authorize")
                    .SetTokenEndpointUris("oauth/token")
                    .SetRevocationEndpointUris("oauth/revoke")
                    .SetJsonWebKeySetEndpointUris("oauth/jwks")
                    .SetConfigurationEndpointUris(".well-known/oauth-authorization-server", ".well-known/openid-configuration");
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                server.RequireProofKeyForCodeExchange();
                server.Configure(options =>
                {
                    // OAuth 2.1: S256 only; a plain challenge is refused.
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                    options.ResponseTypes.Clear();
                    options.ResponseTypes.Add(ResponseTypes.Code);
                    options.ResponseModes.Remove(ResponseModes.Fragment);
                });
                server.RegisterScopes([.. OAuthScopes.All.Select(scope => scope.Scope)]);
                // Resources are per tenant: RequireTenantResource checks them instead of a static list.
                server.DisableResourceValidation().IgnoreResourcePermissions().IgnoreScopePermissions();
                server.DisableAccessTokenEncryption();
                server.AddEventHandler(ResolveTenantIssuer.Descriptor)
                    .AddEventHandler(ShapeIssuedTokens.Descriptor)
                    .AddEventHandler(CheckClientMetadataDocument.AuthorizationDescriptor)
                    .AddEventHandler(CheckClientMetadataDocument.TokenDescriptor)
                    .AddEventHandler(EnforceClientPolicy.AuthorizationDescriptor)
                    .AddEventHandler(EnforceClientPolicy.TokenDescriptor)
                    .AddEventHandler(RequireTenantResource.AuthorizationDescriptor)
                    .AddEventHandler(RequireTenantResource.TokenDescriptor)
                    .AddEventHandler(DescribeTenantServer.Descriptor)
                    .AddEventHandler(RevokeGrantWithRefreshToken.Descriptor);
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    // TLS ends at the ingress; the issuer's scheme comes from PublicEndpoint:BaseUrl, not from the hop.
                    .DisableTransportSecurityRequirement();
            });
        services.AddOptions<OpenIddict.Server.OpenIddictServerOptions>()
            .Configure<OAuthSigningKeys, IOptions<OAuthOptions>>((server, keys, oauth) =>
            {
                foreach (var key in keys.SigningKeys)
                {
                    server.SigningCredentials.Add(new Microsoft.IdentityModel.Tokens.SigningCredentials(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.EcdsaSha256));
                }

                foreach (var key in keys.EncryptionKeys)
                {
                    server.EncryptionCredentials.Add(new Microsoft.IdentityModel.Tokens.EncryptingCredentials(
                        key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256KW, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.Aes256CbcHmacSha512));
                }

                server.AccessTokenLifetime = oauth.Value.AccessTokenLifetime;
                server.RefreshTokenLifetime = oauth.Value.RefreshTokenLifetime;
                server.AuthorizationCodeLifetime = oauth.Value.AuthorizationCodeLifetime;
                server.RefreshTokenReuseLeeway = oauth.Value.RefreshTokenReuseLeeway;
            });
        builder.AddSignIn();
        return builder;
    }

    public static WebApplication MapOAuthApi(this WebApplication app)
    {
        app.MapAuthorizationEndpoint();
        app.MapDynamicRegistration();
        app.MapSignInApi();
        app.MapAccountApi();
        return app;
    }
}
