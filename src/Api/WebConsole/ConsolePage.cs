using Microsoft.AspNetCore.Components;
using Platform.Api.WebConsole.Access;
using Platform.Grains.Refusals;

namespace Platform.Api.WebConsole;

/// <summary>
/// A console page: the request (static SSR has one per render), its caller, and the outcome of the form it handled.
/// A refused change (bad input, a conflict, something missing) is shown inline and has changed nothing.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    private static readonly Dictionary<string, string[]> NoErrors = [];

    [CascadingParameter]
    public HttpContext Http { get; set; } = null!;

    /// <summary>The caller, as this page's authorization policy found them.</summary>
    protected ConsoleCaller Caller => ConsoleCallers.Current(Http);

    protected string? Notice { get; set; }

    protected string? Error { get; set; }

    /// <summary>What is wrong with each field of the last form, by the request property's name.</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = NoErrors;

    /// <summary>Makes a change; says <paramref name="done"/> when it was made, or shows why it was refused.</summary>
    protected async Task<bool> ChangeAsync(Func<Task> change, string done)
    {
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await change();
            Notice = done;
            return true;
        }
        catch (RequestRefusedException refused)
        {
            Refuse(refused.Message, (refused as InvalidRequestException)?.Errors);
            return false;
        }
    }

    /// <summary>Shows a refusal found before asking a service.</summary>
    protected void Refuse(string message, IReadOnlyDictionary<string, string[]>? fields = null)
    {
        Notice = null;
        Error = message;
        FieldErrors = fields ?? NoErrors;
    }

    /// <summary>The messages for one field (the services name fields in camelCase or PascalCase).</summary>
    protected IEnumerable<string> ErrorsFor(string field) =>
        FieldErrors.Where(error => string.Equals(error.Key, field, StringComparison.OrdinalIgnoreCase)).SelectMany(error => error.Value);
}
