using System.Diagnostics.CodeAnalysis;

namespace Platform.Grains.RateLimits;

/// <summary>What <see cref="UserCallLimiter.AcquireAsync"/> decided: a permit to run the call, or a refusal.</summary>
public sealed class CallAdmission
{
    private readonly CallPermit? permit;
    private readonly RateLimitRefusal? refusal;

    private CallAdmission(CallPermit? permit, RateLimitRefusal? refusal) => (this.permit, this.refusal) = (permit, refusal);

    /// <summary>True with the permit (dispose it when the call ends); false with the refusal to answer instead.</summary>
    public bool TryGetPermit([NotNullWhen(true)] out CallPermit? permit, [NotNullWhen(false)] out RateLimitRefusal? refusal)
    {
        if (this.permit is { } admitted)
        {
            permit = admitted;
            refusal = null;
            return true;
        }

        permit = null;
        refusal = this.refusal ?? throw new InvalidOperationException("An admission holds either a permit or a refusal.");
        return false;
    }

    public override string ToString() => refusal?.ToString() ?? "Admitted";

    internal static CallAdmission Admitted(CallPermit permit) => new(permit, null);

    internal static CallAdmission Refused(RateLimitRefusal refusal) => new(null, refusal);
}
