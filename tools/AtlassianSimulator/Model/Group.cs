namespace AtlassianSimulator.Model;

public sealed class Group(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
}
