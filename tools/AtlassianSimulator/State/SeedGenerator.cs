using System.Text;
using AtlassianSimulator.Access;
using AtlassianSimulator.Hosting;
using AtlassianSimulator.Model;

namespace AtlassianSimulator.State;

/// <summary>
/// Fills the store deterministically from <see cref="SeedOptions"/>: same options, same ids, tokens and content.
/// Includes a default OAuth app configured with every known scope, so tests can start without registering one.
/// </summary>
public static class SeedGenerator
{
    public const string DefaultClientId = "sim-client-id";
    public const string DefaultClientSecret = "sim-client-secret";
    public const string DefaultCallbackUrl = "http://127.0.0.1:8765/callback";

    private static readonly string[] FirstNames = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy"];
    private static readonly string[] SpaceNames = ["Engineering", "Product", "Marketing", "Operations", "Design", "Finance", "Support", "Legal"];
    private static readonly string[] LabelNames = ["architecture", "howto", "meeting-notes", "release", "draft", "api", "runbook", "onboarding"];
    private static readonly DateTimeOffset Epoch = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    public static void Apply(SimulatorStore store, SeedOptions seed)
    {
        store.Clear(seed.Seed);
        store.Apps[DefaultClientId] = new OAuthApp(DefaultClientId, DefaultClientSecret, DefaultCallbackUrl, DefaultScopes(), "Simulator Test App");
        var users = Enumerable.Range(0, Math.Max(1, seed.Users)).Select(i =>
        {
            var first = FirstNames[i % FirstNames.Length] + (i >= FirstNames.Length ? (i / FirstNames.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
            return store.AddUser($"{first.ToLowerInvariant()}@example.com", $"{first} Example", apiToken: $"api-token-{first.ToLowerInvariant()}");
        }).ToList();
        for (var s = 0; s < Math.Max(1, seed.Sites); s++)
        {
            var site = store.AddSite($"sim-site-{s + 1}");
            users.ForEach(u => site.MemberAccountIds.Add(u.AccountId));
            SeedSite(store, site, users, seed, s);
        }
    }

    public static HashSet<string> DefaultScopes() =>
        [.. ScopeTable.AllScopes(), "offline_access", "read:me", "read:account", "read:hierarchical-content:confluence"];

    private static void SeedSite(SimulatorStore store, Site site, List<User> users, SeedOptions seed, int siteIndex)
    {
        var random = store.Random;
        var groups = Enumerable.Range(0, Math.Max(1, seed.Groups)).Select(g =>
        {
            var group = new Group(store.NewGuid().ToString(), g == 0 ? "confluence-admins" : $"team-{g}");
            site.Content.Groups[group.Id] = group;
            return group;
        }).ToList();
        for (var i = 0; i < users.Count; i++)
        {
            users[i].GroupIds.Add(groups[i % groups.Count].Id);
        }
        users[0].GroupIds.UnionWith(groups.Select(g => g.Id));

        var spaces = new List<Space>();
        for (var i = 0; i < Math.Max(1, seed.Spaces); i++)
        {
            var name = SpaceNames[i % SpaceNames.Length] + (i >= SpaceNames.Length ? $" {i / SpaceNames.Length}" : "");
            var key = new string(name.Where(char.IsAsciiLetterOrDigit).Take(3).Select(char.ToUpperInvariant).ToArray()) + (i >= SpaceNames.Length ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
            var space = store.AddSpace(site, key, name, users[0].AccountId, Epoch.AddDays(-30 + i), $"The {name} space of site {siteIndex + 1}.");
            if (i >= seed.Spaces - seed.RestrictedSpaces)
            {
                // Restricted spaces: only the first group (admins) may view them.
                space.AllowedGroupIds = [groups[0].Id];
            }
            var home = store.AddContent(site, ContentType.Page, space.Id, $"{name} Home", SampleBodies.Page(i, $"{name} Home", null), users[0].AccountId, space.CreatedAt);
            space.HomepageId = home.Id;
            spaces.Add(space);
        }

        var pagesBySpace = spaces.ToDictionary(s => s.Id, s => new List<long> { s.HomepageId!.Value });
        for (var i = 0; i < seed.Pages; i++)
        {
            var space = spaces[i % spaces.Count];
            var siblings = pagesBySpace[space.Id];
            var parentId = siblings[random.Next(siblings.Count)];
            var author = users[random.Next(users.Count)];
            var at = Epoch.AddHours(i);
            var title = $"{char.ToUpperInvariant(SampleBodies.Topic(i)[0])}{SampleBodies.Topic(i)[1..]} notes {i + 1}";
            var attachmentName = seed.AttachmentsPerPage > 0 ? $"diagram-{i + 1}.png" : null;
            var page = store.AddContent(site, ContentType.Page, space.Id, title, SampleBodies.Page(i, title, attachmentName), author.AccountId, at, parentId);
            if (i % 3 == 0)
            {
                page.Versions.Add(new ContentVersion(2, at.AddMinutes(30), users[0].AccountId, "Fixed typos", true, title, page.Body));
            }
            siblings.Add(page.Id);
            for (var v = 0; v < i % 5; v++)
            {
                page.Views.Add(new PageView(users[(i + v) % users.Count].AccountId, at.AddDays(v)));
            }
            if (i == 1)
            {
                // One page with a read restriction: only the first user (and whoever it adds) may see it and its subtree.
                page.ViewerAccountIds = [users[0].AccountId];
            }
            for (var l = 0; l < seed.LabelsPerPage; l++)
            {
                var name = LabelNames[(i + l) % LabelNames.Length];
                if (page.Labels.All(x => x.Name != name))
                {
                    page.Labels.Add(new Label(store.NewId(), name));
                }
            }
            for (var c = 0; c < seed.CommentsPerPage; c++)
            {
                store.AddContent(site, ContentType.FooterComment, space.Id, "Re: " + title, SampleBodies.Comment(c), users[(i + c + 1) % users.Count].AccountId, at.AddHours(1), null, page.Id);
            }
            if (i == 0)
            {
                var inline = store.AddContent(site, ContentType.InlineComment, space.Id, "Re: " + title, "<p>Is this step still needed?</p>", users[^1].AccountId, at.AddHours(2), null, page.Id);
                inline.InlineSelection = "Run the script below.";
                var reply = store.AddContent(site, ContentType.InlineComment, space.Id, "Re: " + title, "<p>Yes.</p>", users[0].AccountId, at.AddHours(3), inline.Id, page.Id);
                reply.InlineSelection = inline.InlineSelection;
            }
            for (var a = 0; a < seed.AttachmentsPerPage; a++)
            {
                var file = store.AddContent(site, ContentType.Attachment, space.Id, a == 0 ? attachmentName! : $"notes-{i + 1}-{a}.txt", "", author.AccountId, at, null, page.Id);
                file.MediaType = a == 0 ? "image/png" : "text/plain";
                file.Data = Encoding.UTF8.GetBytes($"attachment {a} of page {page.Id}\n");
            }
        }
        for (var b = 0; b < seed.BlogPosts; b++)
        {
            var space = spaces[b % spaces.Count];
            store.AddContent(site, ContentType.BlogPost, space.Id, $"Weekly update {b + 1}", SampleBodies.BlogPost(b), users[b % users.Count].AccountId, Epoch.AddDays(b));
        }
        SeedTemplates(store, site, spaces);
    }

    /// <summary>Two global templates and a how-to template per space, with the placeholders and variables real ones have.</summary>
    private static void SeedTemplates(SimulatorStore store, Site site, List<Space> spaces)
    {
        void Add(string name, string description, string? spaceKey, string body, params string[] labels)
        {
            var template = new ContentTemplate(store.NewId(), name, description, spaceKey, body, labels);
            site.Content.Templates[template.Id] = template;
        }

        Add("Meeting notes", "Agenda, notes and action items for a meeting.", null,
            "<h2>Date</h2><p><time datetime=\"2026-01-01\" /></p><h2>Attendees</h2><ul><li><p><ac:placeholder>@mention attendees</ac:placeholder></p></li></ul>" +
            "<h2>Notes</h2><p><ac:placeholder>What was discussed</ac:placeholder></p><h2>Action items</h2><ac:task-list><ac:task><ac:task-id>1</ac:task-id>" +
            "<ac:task-status>incomplete</ac:task-status><ac:task-body><ac:placeholder>Type your task here</ac:placeholder></ac:task-body></ac:task></ac:task-list>",
            "meeting-notes");
        Add("Decision", "Record a decision, its options and its outcome.", null,
            "<ac:structured-macro ac:name=\"details\" ac:schema-version=\"1\"><ac:rich-text-body><table><tbody><tr><th>Status</th><td>" +
            "<ac:structured-macro ac:name=\"status\" ac:schema-version=\"1\"><ac:parameter ac:name=\"title\">NOT STARTED</ac:parameter></ac:structured-macro></td></tr>" +
            "<tr><th>Owner</th><td><at:var at:name=\"owner\" /></td></tr></tbody></table></ac:rich-text-body></ac:structured-macro><h2>Background</h2><p /><h2>Options</h2><p />",
            "decision");
        foreach (var space in spaces)
        {
            Add($"{space.Name} how-to", $"Step-by-step article for the {space.Name} space.", space.Key,
                "<p><ac:placeholder>Describe what this article helps with.</ac:placeholder></p><h2>Steps</h2><ol><li>First step</li><li>Second step</li></ol>" +
                "<ac:structured-macro ac:name=\"info\" ac:schema-version=\"1\"><ac:rich-text-body><p>Highlight important information.</p></ac:rich-text-body></ac:structured-macro>",
                "kb-how-to-article");
        }
    }
}
