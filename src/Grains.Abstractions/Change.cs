namespace Platform.Grains;

/// <summary>
/// What one change did to one resource, as the grain that made it saw it: <see cref="Before"/> is null for a create,
/// <see cref="After"/> null for a delete. Returned by the change itself, so a record of it cannot race another change.
/// </summary>
[GenerateSerializer, Immutable, Alias("Platform.Change`1")]
public sealed record Change<T>([property: Id(0)] T? Before, [property: Id(1)] T? After)
{
    /// <summary>
    /// For a change of who may call what: the users whose grains have not confirmed their new policy when the change
    /// returned (they are retried every second, and each re-reads its policy when its lease runs out). 0 otherwise.
    /// </summary>
    [Id(2)]
    public int UnconfirmedUsers { get; init; }

    /// <summary>The same change in another shape (e.g. a response type), nulls kept.</summary>
    public Change<TResult> Select<TResult>(Func<T, TResult> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new(Before is null ? default : shape(Before), After is null ? default : shape(After)) { UnconfirmedUsers = UnconfirmedUsers };
    }
}
