namespace Platform.Confluence.Tools;

/// <summary>
/// An image a tool returns for the model to see: MCP image content (<c>{"type":"image","data","mimeType"}</c>) as plain
/// data, so it can cross a grain boundary as it is. <paramref name="Data"/> is base64; <paramref name="Name"/> says which
/// file it is (the attachment's name), for the text around it.
/// </summary>
public sealed record ToolImage(string MimeType, string Data, string Name);
