namespace Platform.Confluence.Tools;

/// <summary>v1 lists page by offset; their cursor is that offset as text.</summary>
internal static class CursorText
{
    public static string? Problem(string? cursor) =>
        cursor is null || (cursor.Length is > 0 and < 10 && cursor.All(char.IsAsciiDigit)) ? null : "'cursor' must be a cursor returned by a previous call of this tool";
}
