namespace AtlassianSimulator.Model;

public sealed class ContentProperty
{
    public required long Id { get; init; }
    public required string Key { get; init; }
    public required System.Text.Json.Nodes.JsonNode? Value { get; set; }
    public required ContentVersion Version { get; set; }
}
