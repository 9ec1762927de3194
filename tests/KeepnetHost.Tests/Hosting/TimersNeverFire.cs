namespace KeepnetHost.Tests.Hosting;

/// <summary>The system clock, with timers that never fire: what a background loop does under it, it does without waiting for one.</summary>
public sealed class TimersNeverFire : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverFires();

    private sealed class NeverFires : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
