namespace Platform.Grains.Refusals;

/// <summary>
/// A request refused for what it asked, not for a fault: nothing was changed. Crosses grain boundaries as itself; the
/// admin API answers each kind with its own problem details (<see cref="InvalidRequestException"/> 400,
/// <see cref="NotFoundException"/> 404, <see cref="ConflictException"/> 409) and logs it in one line without a stack.
/// Caller input appears in the message only through <see cref="Echo"/>, and the message itself is capped.
/// </summary>
[GenerateSerializer, Alias("Platform.RequestRefusedException")]
public abstract class RequestRefusedException : Exception
{
    public const int MaxMessageLength = 1_000;

    protected RequestRefusedException(string message) : base(Echo.Cap(message, MaxMessageLength))
    {
    }
}
