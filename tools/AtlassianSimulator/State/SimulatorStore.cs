using AtlassianSimulator.Model;

namespace AtlassianSimulator.State;

/// <summary>
/// All simulator data. One coarse lock (<see cref="Gate"/>) keeps every multi-step change atomic;
/// handlers hold it only while reading or mutating, never while writing the response.
/// </summary>
public sealed class SimulatorStore
{
    private long _nextId;
    private Random _random = new(42);

    public Lock Gate { get; } = new();
    public Dictionary<string, Site> SitesByCloudId { get; } = [];
    public Dictionary<string, Site> SitesByName { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, User> Users { get; } = [];
    public Dictionary<string, User> UsersByEmail { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, OAuthApp> Apps { get; } = [];
    public Dictionary<string, Grant> Grants { get; } = [];
    public Dictionary<string, AuthorizationCode> Codes { get; } = [];
    public Dictionary<string, AccessToken> AccessTokens { get; } = [];
    public Dictionary<string, RefreshToken> RefreshTokens { get; } = [];

    /// <summary>Account that /authorize consents as without showing the page (set via the control endpoint).</summary>
    public string? AutoConsentAccountId { get; set; }

    public void Clear(int seed)
    {
        SitesByCloudId.Clear();
        SitesByName.Clear();
        Users.Clear();
        UsersByEmail.Clear();
        Apps.Clear();
        Grants.Clear();
        Codes.Clear();
        AccessTokens.Clear();
        RefreshTokens.Clear();
        AutoConsentAccountId = null;
        _nextId = 65_536;
        _random = new Random(seed);
    }

    public long NewId() => ++_nextId;

    /// <summary>Deterministic (seeded) opaque string; tokens are unguessable enough for a local simulator.</summary>
    public string NewSecret(string prefix, int bytes = 24)
    {
        var buffer = new byte[bytes];
        _random.NextBytes(buffer);
        return prefix + Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public Guid NewGuid()
    {
        var buffer = new byte[16];
        _random.NextBytes(buffer);
        return new Guid(buffer);
    }

    public Random Random => _random;

    public Site AddSite(string name, string? cloudId = null)
    {
        var site = new Site(cloudId ?? NewGuid().ToString(), name);
        SitesByCloudId[site.CloudId] = site;
        SitesByName[site.Name] = site;
        return site;
    }

    public User AddUser(string email, string displayName, string? accountId = null, string? apiToken = null)
    {
        var user = new User(accountId ?? $"5b10a2844c20165700ede{Users.Count:D3}", email, displayName, apiToken ?? NewSecret("ATATT"));
        Users[user.AccountId] = user;
        UsersByEmail[user.Email] = user;
        return user;
    }

    public Space AddSpace(Site site, string key, string name, string authorId, DateTimeOffset createdAt, string description = "")
    {
        var space = new Space { Id = NewId(), Key = key, Name = name, AuthorId = authorId, CreatedAt = createdAt, Description = description };
        site.Content.Spaces[space.Id] = space;
        site.Content.SpacesByKey[key] = space;
        return space;
    }

    public Content AddContent(Site site, ContentType type, long spaceId, string title, string body, string authorId, DateTimeOffset at, long? parentId = null, long? containerId = null)
    {
        var item = new Content
        {
            Id = NewId(), Type = type, Title = title, SpaceId = spaceId, ParentId = parentId, ContainerId = containerId,
            AuthorId = authorId, OwnerId = authorId, CreatedAt = at,
        };
        item.Versions.Add(new ContentVersion(1, at, authorId, "", false, title, body));
        site.Content.Items[item.Id] = item;
        var holder = parentId ?? containerId;
        if (holder is { } h && site.Content.Items.TryGetValue(h, out var parent))
        {
            item.Position = parent.ChildIds.Count;
            parent.ChildIds.Add(item.Id);
        }
        return item;
    }
}
