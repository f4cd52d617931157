namespace AtlassianSimulator.Model;

/// <summary>Any content item: pages, blog posts, whiteboards, comments and attachments share identity, versions, labels and properties.</summary>
public sealed class Content
{
    public required long Id { get; init; }
    public required ContentType Type { get; init; }
    public string Status { get; set; } = "current";
    public required string Title { get; set; }
    public required long SpaceId { get; init; }
    public long? ParentId { get; set; }
    public int Position { get; set; }
    public required string AuthorId { get; init; }
    public string OwnerId { get; set; } = "";
    public required DateTimeOffset CreatedAt { get; init; }
    public List<ContentVersion> Versions { get; } = [];
    public List<Label> Labels { get; } = [];
    public List<ContentProperty> Properties { get; } = [];
    public List<long> ChildIds { get; } = [];

    /// <summary>Comments: the page or blog post they belong to. Attachments: their container.</summary>
    public long? ContainerId { get; set; }
    public string? InlineSelection { get; set; }

    /// <summary>Page read restriction: null means no restriction of its own (parents may still restrict).</summary>
    public HashSet<string>? ViewerAccountIds { get; set; }
    public HashSet<string>? ViewerGroupIds { get; set; }

    /// <summary>Page edit restriction (not inherited): null means whoever can view may edit.</summary>
    public HashSet<string>? EditorAccountIds { get; set; }
    public HashSet<string>? EditorGroupIds { get; set; }

    /// <summary>Inline comments: open, resolved or reopened, and who last changed that and when.</summary>
    public string? ResolutionStatus { get; set; }
    public string? ResolutionModifierId { get; set; }
    public DateTimeOffset? ResolutionModifiedAt { get; set; }

    /// <summary>Page views as people make them in the browser (the analytics API counts these).</summary>
    public List<PageView> Views { get; } = [];
    public string? MediaType { get; set; }
    public byte[]? Data { get; set; }

    public ContentVersion Current => Versions[^1];
    public string Body => Current.Body;
}
