namespace Platform.Grains.ApiKeys;

/// <summary>A newly issued key: the token is shown once and never stored, so it never prints itself.</summary>
[GenerateSerializer, Immutable, Alias("Platform.IssuedApiKey")]
public sealed record IssuedApiKey([property: Id(0)] string Token, [property: Id(1)] ApiKeyView Key)
{
    public override string ToString() => $"IssuedApiKey({Key.Prefix}, token redacted)";
}
