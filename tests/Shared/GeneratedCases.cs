using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace Scim.Testing;

/// <summary>
/// The one place the generated-input tests take their size and seed from, so CI runs bounded counts and a local run
/// can run many more: <c>SCIM_GENERATED_SCALE</c> multiplies every test's case count (default 1, as in CI), and
/// <c>SCIM_GENERATED_SEED</c> is the first case's seed (default 0; <c>random</c> picks one and prints it). Case
/// <c>i</c> of a test runs with seed <c>first + i</c>, so a failure names the seed to put first to replay it.
/// </summary>
internal static class GeneratedCases
{
    /// <summary>How long one case may run before it counts as hung: far above what any case takes, so never a speed test.</summary>
    public static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(60);

    public static int Scale { get; } = int.Parse(Environment.GetEnvironmentVariable("SCIM_GENERATED_SCALE") ?? "1", CultureInfo.InvariantCulture);

    public static int FirstSeed { get; } = Environment.GetEnvironmentVariable("SCIM_GENERATED_SEED") switch
    {
        null or "" => 0,
        "random" => Random.Shared.Next(0, int.MaxValue / 2),
        var seed => int.Parse(seed, CultureInfo.InvariantCulture),
    };

    /// <summary>The number of cases to run for a test whose CI count is <paramref name="ciCases"/>.</summary>
    public static int Count(int ciCases) => checked(ciCases * Scale);

    /// <summary>
    /// Runs <paramref name="body"/> once per case seed on another thread, failing (with the seed) on the first case
    /// that throws or runs past <see cref="CaseBound"/>, and writes the count and seeds run to the test's output.
    /// </summary>
    public static Task RunAsync(ITestOutputHelper output, int ciCases, Action<int> body, [CallerMemberName] string test = "") =>
        RunAsync(output, ciCases, seed =>
        {
            body(seed);
            return Task.CompletedTask;
        }, test);

    /// <inheritdoc cref="RunAsync(ITestOutputHelper, int, Action{int}, string)"/>
    public static async Task RunAsync(ITestOutputHelper output, int ciCases, Func<int, Task> body, [CallerMemberName] string test = "")
    {
        var count = Count(ciCases);
        var progress = new Progress();
        var clock = Stopwatch.StartNew();
        var run = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                var seed = FirstSeed + i;
                progress.Start(seed);
                try
                {
                    await body(seed);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException($"{test}: case seed {seed} failed; SCIM_GENERATED_SEED={seed} replays it first. {e.Message}", e);
                }
            }
        });

        // A hung case cannot be stopped, only reported: the test fails naming it and leaves the thread behind.
        while (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(1))) != run)
        {
            if (progress.Elapsed > CaseBound)
            {
                Assert.Fail($"{test}: case seed {progress.Seed} ran for more than {CaseBound.TotalSeconds} s; SCIM_GENERATED_SEED={progress.Seed} replays it first.");
            }
        }

        await run;
        output.WriteLine($"{test}: {count} cases, seeds {FirstSeed}..{FirstSeed + count - 1} (SCIM_GENERATED_SCALE={Scale}), {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Runs one case (an FsCheck property's body) on another thread and fails it if it runs past
    /// <see cref="CaseBound"/>; what it throws is rethrown as it is, so the property sees the same failure.
    /// </summary>
    public static void WithinBound(Action body)
    {
        var run = Task.Run(body);
        if (Task.WaitAny([run], CaseBound) < 0)
        {
            Assert.Fail($"The case ran for more than {CaseBound.TotalSeconds} s.");
        }

        run.GetAwaiter().GetResult();
    }

    private sealed class Progress
    {
        private long _started = Stopwatch.GetTimestamp();
        private int _seed;

        public int Seed => Volatile.Read(ref _seed);

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(Volatile.Read(ref _started));

        public void Start(int seed)
        {
            Volatile.Write(ref _seed, seed);
            Volatile.Write(ref _started, Stopwatch.GetTimestamp());
        }
    }
}
