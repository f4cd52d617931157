using System.Text.Json;

namespace Platform.Confluence.Tools;

/// <summary>
/// A tool whose arguments are the record <typeparamref name="TArguments"/>: the input schema is generated from it and
/// arguments are bound and checked before anything is sent to Confluence.
/// </summary>
public abstract class ConfluenceTool<TArguments> : ConfluenceTool
{
    private protected ConfluenceTool(string name, string title, string description, ToolAccess access, bool idempotent,
        IReadOnlyList<string> scopes, JsonElement outputSchema)
    {
        Definition = new ToolDefinition(name, title, description, ToolSchemas.For<TArguments>(), outputSchema, access, idempotent, scopes);
    }

    public sealed override ToolDefinition Definition { get; }

    public sealed override async Task<ToolOutcome> InvokeAsync(JsonElement arguments, IConfluenceApi api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        TArguments bound;
        try
        {
            bound = ArgumentBinder.Bind<TArguments>(arguments, Definition.InputSchema);
        }
        catch (InvalidToolArgumentsException e)
        {
            return ToolOutcome.InvalidArguments(e.Message);
        }
        if (Check(bound) is { } problem)
        {
            return ToolOutcome.InvalidArguments(problem);
        }
        try
        {
            return await ExecuteAsync(bound, new ConfluenceSession(api, Definition.Scopes, cancellationToken)).ConfigureAwait(false);
        }
        catch (UpstreamFailureException e)
        {
            return e.Outcome;
        }
    }

    /// <summary>Rules across arguments (one of two ids, mutually exclusive options); null when the arguments are fine.</summary>
    private protected virtual string? Check(TArguments arguments) => null;

    private protected abstract Task<ToolOutcome> ExecuteAsync(TArguments arguments, ConfluenceSession confluence);
}
