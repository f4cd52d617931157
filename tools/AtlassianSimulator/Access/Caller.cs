using AtlassianSimulator.Model;

namespace AtlassianSimulator.Access;

/// <summary>Who is calling a Confluence endpoint, on which site, and through which app (null for Basic auth).</summary>
public sealed record Caller(Site Site, User User, string? ClientId, string BaseUrl)
{
    private const string ItemKey = "sim.caller";

    public static Caller Of(HttpContext context) => (Caller)context.Items[ItemKey]!;

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>Quota key: 3LO quotas are per site and app; Basic-auth callers are counted per site and user.</summary>
    public string QuotaKey => Site.CloudId + "|" + (ClientId ?? "basic:" + User.AccountId);

    /// <summary>Objects returned by a read; each costs one more quota point, as Atlassian's points model charges reads per object.</summary>
    public int ObjectsReturned { get; set; }
}
