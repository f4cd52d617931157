using AtlassianSimulator.Model;

namespace AtlassianSimulator.Access;

/// <summary>Who is calling a Confluence endpoint, on which site, and through which app (null for Basic auth).</summary>
public sealed record Caller(Site Site, User User, string? ClientId, string BaseUrl)
{
    private const string ItemKey = "sim.caller";

    public static Caller Of(HttpContext context) => (Caller)context.Items[ItemKey]!;

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;
}
