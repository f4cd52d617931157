namespace Platform.Grains.SignIn;

/// <summary>Signing in cannot go on; the message is for the person and names no secret.</summary>
internal sealed class SignInFailedException : Exception
{
    public SignInFailedException()
    {
    }

    public SignInFailedException(string message) : base(message)
    {
    }

    public SignInFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
