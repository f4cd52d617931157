using Microsoft.AspNetCore.Components;
using Platform.Api.WebConsole.Access;

namespace Platform.Api.WebConsole;

/// <summary>A console page: the request (static SSR has one per render), its caller, and what its last form came to.</summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter]
    public HttpContext Http { get; set; } = null!;

    /// <summary>The caller, as this page's authorization policy found them.</summary>
    protected ConsoleCaller Caller => ConsoleCallers.Current(Http);

    protected FormOutcome Outcome { get; } = new();

    protected string? Notice => Outcome.Notice;

    protected string? Error => Outcome.Error;

    protected Task<bool> ChangeAsync(Func<Task> change, string done) => Outcome.ChangeAsync(change, done);

    protected void Refuse(string message, IReadOnlyDictionary<string, string[]>? fields = null) => Outcome.Refuse(message, fields);

    protected IEnumerable<string> ErrorsFor(string field) => Outcome.ErrorsFor(field);
}
