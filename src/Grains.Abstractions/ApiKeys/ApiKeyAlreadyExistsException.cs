namespace Platform.Grains.ApiKeys;

[GenerateSerializer, Alias("Platform.ApiKeyAlreadyExistsException")]
public sealed class ApiKeyAlreadyExistsException(string prefix) : InvalidOperationException($"The API key '{prefix}' already exists.");
