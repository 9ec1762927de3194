namespace KeepnetHost.BrowserTests.Infrastructure;

/// <summary>The system clock moved on by <see cref="Offset"/>, so a test can let a sign-in expire without waiting.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
