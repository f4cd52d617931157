using Platform.Grains.Refusals;

namespace Platform.Api.WebConsole;

/// <summary>
/// What the last form a page or section handled came to: done (a status line), or refused with why, by field. A
/// refused change (bad input, a conflict, something missing) has changed nothing.
/// </summary>
public sealed class FormOutcome
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    /// <summary>What is wrong with each field, by the request property's name.</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = NoErrors;

    /// <summary>Makes a change; says <paramref name="done"/> when it was made, or shows why it was refused.</summary>
    public async Task<bool> ChangeAsync(Func<Task> change, string done)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await change();
            Done(done);
            return true;
        }
        catch (RequestRefusedException refused)
        {
            Refuse(refused.Message, (refused as InvalidRequestException)?.Errors);
            return false;
        }
    }

    public void Done(string? notice)
    {
        Notice = notice;
        Error = null;
        FieldErrors = NoErrors;
    }

    /// <summary>Shows a refusal found before asking a service.</summary>
    public void Refuse(string message, IReadOnlyDictionary<string, string[]>? fields = null)
    {
        Notice = null;
        Error = message;
        FieldErrors = fields ?? NoErrors;
    }

    /// <summary>Refuses one field.</summary>
    public void RefuseField(string field, string message) => Refuse(message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The messages for one field (services name fields in camelCase or PascalCase).</summary>
    public IEnumerable<string> ErrorsFor(string field) =>
        FieldErrors.Where(error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase)).SelectMany(error => error.Value);
}
