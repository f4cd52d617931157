using Platform.Grains.Refusals;

namespace Platform.Grains.ApiKeys;

[GenerateSerializer, Alias("Platform.ApiKeyAlreadyExistsException")]
public sealed class ApiKeyAlreadyExistsException(string prefix) : ConflictException($"The API key '{prefix}' already exists.");
