namespace Platform.Outbound;

/// <summary>
/// The gateway refused to reach a destination (a private address, a host no rule allows, a redirect elsewhere): nothing
/// was sent there. Thrown from a connect callback it arrives wrapped in an <see cref="HttpRequestException"/>;
/// <see cref="Find"/> digs it out.
/// </summary>
public sealed class DestinationRefusedException : Exception
{
    public DestinationRefusedException(string message) : base(message)
    {
    }

    public DestinationRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DestinationRefusedException()
    {
    }

    /// <summary><paramref name="exception"/> itself or the refusal inside it, or null when it is about something else.</summary>
    public static DestinationRefusedException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DestinationRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
