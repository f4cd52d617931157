namespace Platform.Grains.Refusals;

/// <summary>The request is well formed but the current state forbids it: a duplicate name, a bound set, a wrong lifecycle step.</summary>
[GenerateSerializer, Alias("Platform.ConflictException")]
public class ConflictException : RequestRefusedException
{
    public ConflictException(string message) : base(message)
    {
    }
}
