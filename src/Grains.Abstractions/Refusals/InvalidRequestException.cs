namespace Platform.Grains.Refusals;

/// <summary>Input that breaks a rule, by field (the request property's name, e.g. <c>Email</c> or <c>tools</c>).</summary>
[GenerateSerializer, Alias("Platform.InvalidRequestException")]
public sealed class InvalidRequestException : RequestRefusedException
{
    public InvalidRequestException(string field, string message) : base(message) =>
        Errors = new Dictionary<string, string[]> { [field] = [Message] };

    /// <summary>Several fields at once; the message lists every error.</summary>
    public InvalidRequestException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join(" ", (errors ?? throw new ArgumentNullException(nameof(errors))).Values.SelectMany(messages => messages))) =>
        Errors = errors.ToDictionary(error => error.Key, error => error.Value.Select(message => Echo.Cap(message, MaxMessageLength)).ToArray());

    /// <summary>What is wrong with each field.</summary>
    [Id(0)]
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
}
