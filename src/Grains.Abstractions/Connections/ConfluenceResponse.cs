namespace Platform.Grains.Connections;

[GenerateSerializer, Immutable, Alias("Platform.ConfluenceResponse")]
public sealed record ConfluenceResponse(
    [property: Id(0)] int StatusCode,
    [property: Id(1)] string Body,
    [property: Id(2)] TimeSpan? RetryAfter);
