namespace Platform.Confluence.Tools;

/// <summary>Structured result of list_attachments.</summary>
internal sealed record AttachmentListResult(IReadOnlyList<AttachmentSummary> Results, string? NextCursor);

/// <summary>Structured result of download_attachment: a window of the file's text.</summary>
internal sealed record AttachmentContentResult(string AttachmentId, string FileName, string MediaType, string Content, int Offset, int? NextOffset, int TotalLength);

/// <summary>Structured result of upload_attachment.</summary>
internal sealed record UploadResult(string? AttachmentId, string FileName, string MediaType, long Size, string PageId);
