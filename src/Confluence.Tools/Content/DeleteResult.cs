namespace Platform.Confluence.Tools;

/// <summary>Structured result of a delete: what went to the trash.</summary>
internal sealed record DeleteResult(string Id, string Type, bool Trashed);
