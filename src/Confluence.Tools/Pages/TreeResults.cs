namespace Platform.Confluence.Tools;

/// <summary>A page (or whiteboard, folder) in a tree: its parent and its depth below the page asked about (ancestors count from the top).</summary>
internal sealed record TreeNode(string Id, string Type, string Title, string? ParentId, int Depth);

/// <summary>Structured result of get_page_ancestors: the breadcrumb, top first.</summary>
internal sealed record AncestorsResult(string PageId, IReadOnlyList<TreeNode> Ancestors);

/// <summary>Structured result of get_page_tree: descendants in tree order (each after its parent).</summary>
internal sealed record PageTreeResult(string PageId, int Depth, IReadOnlyList<TreeNode> Nodes, bool Truncated);

/// <summary>One version of a page.</summary>
internal sealed record VersionItem(int? Number, string? CreatedAt, string? AuthorId, bool MinorEdit, string Message);

/// <summary>Structured result of get_page_versions, newest first.</summary>
internal sealed record VersionListResult(string PageId, IReadOnlyList<VersionItem> Versions, string? NextCursor);
