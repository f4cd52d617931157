namespace Platform.Grains;

/// <summary>
/// Running this grain method twice has the effect of running it once (a lookup), so a caller may send it again after
/// any failure of the cluster, not only after Orleans refused it: a silo that left while the call ran, or a refusal of a
/// call the method made. The retry of grain calls in the Api and the silos (<c>RejectedCallRetry</c>) reads it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class IdempotentAttribute : Attribute
{
    /// <summary>
    /// The response timeout of a lookup on the request path: a lookup that has not answered in this long went to a
    /// silo that died, and is sent again rather than held for the cluster's 10 s default.
    /// </summary>
    public const string LookupTimeout = "00:00:03";
}
