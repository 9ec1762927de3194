namespace Scim.LoadTest;

/// <summary>What one phase sent and how many of its requests did not answer as expected.</summary>
public sealed record PhaseResult(LoadPhase Phase, string Description, int Requests, int Errors, TimeSpan Elapsed)
{
    /// <summary>Requests per second over the phase.</summary>
    public double Throughput => Requests / Elapsed.TotalSeconds;
}
