namespace LocalLoop.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: the system's time plus an offset a test may move forward (never back), so that
/// "ten minutes later" can be tested over HTTP. With no offset it is the system clock, so other tests see no change.
/// Only <see cref="GetUtcNow"/> moves; timers and timestamps stay the system's.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Moves the app's time forward. The app is shared by a test class, so later tests of the class run later too.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
