using Platform.Grains.OAuth;

namespace Platform.Api.Admin;

/// <summary>A tenant's OAuth client policy, as sent and as answered: which registration methods it accepts, allowed and blocked client ids.</summary>
public sealed record OAuthClientPolicyBody(
    bool AcceptMetadataDocuments,
    bool AcceptDynamicRegistration,
    bool AcceptPreRegistered,
    IReadOnlyList<string>? AllowedClientIds,
    IReadOnlyList<string>? BlockedClientIds)
{
    public static OAuthClientPolicyBody From(OAuthClientPolicy policy) =>
        new(policy.AcceptMetadataDocuments, policy.AcceptDynamicRegistration, policy.AcceptPreRegistered, policy.AllowedClientIds, policy.BlockedClientIds);

    public OAuthClientPolicy ToPolicy() =>
        new(AcceptMetadataDocuments, AcceptDynamicRegistration, AcceptPreRegistered, AllowedClientIds ?? [], BlockedClientIds ?? []);
}
