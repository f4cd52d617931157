namespace AtlassianSimulator.Faults;

/// <summary>Current fault settings plus the seeded dice that decides which requests fail.</summary>
public sealed class FaultState
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = new();
    private int _stormLeft;
    private Random _dice = new(7);

    public FaultSettings Settings
    {
        get { lock (_gate) { return _settings; } }
    }

    public void Apply(FaultSettings settings, int seed)
    {
        lock (_gate)
        {
            _settings = settings;
            _stormLeft = settings.RateLimitStormRequests;
            _dice = new Random(seed);
        }
    }

    /// <summary>True when this request falls into the injected 429 storm.</summary>
    public bool TakeStormRequest()
    {
        lock (_gate)
        {
            if (_stormLeft <= 0)
            {
                return false;
            }
            _stormLeft--;
            return true;
        }
    }

    public bool RollError()
    {
        lock (_gate)
        {
            return _settings.ErrorRate > 0 && _dice.NextDouble() < _settings.ErrorRate;
        }
    }
}
