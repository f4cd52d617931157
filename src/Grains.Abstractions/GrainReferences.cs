namespace Platform.Grains;

/// <summary>
/// References to <typeparamref name="TGrain"/> by string key. Orleans' <c>GetGrain&lt;T&gt;(string)</c> resolves the
/// interface's grain type again on every call (it instantiates the interface's custom attributes and formats its type
/// name): 6 % of the gateway's CPU with calls spread over many users. The first reference is made that way; the grain
/// and interface types it carries make every later one.
/// </summary>
internal static class GrainReferences<TGrain>
    where TGrain : IGrainWithStringKey
{
    // A class, so that a reader on another thread sees both types or neither.
    private static ResolvedTypes? resolved;

    public static TGrain Get(IGrainFactory grains, string key)
    {
        if (resolved is { } types)
        {
            return (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        }

        var first = grains.GetGrain<TGrain>(key);
        resolved = new ResolvedTypes(first.GetGrainId().Type, ((GrainReference)(object)first).InterfaceType);
        return first;
    }

    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);
}
