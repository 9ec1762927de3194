using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Scim.LoadTest;

/// <summary>Latencies and errors of one phase, by request kind, plus the host's CPU and memory over the phase.</summary>
public sealed class Recorder(string phase, HostProcess? host, TextWriter output)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _elapsed;
    private HostProcess.Sample? _end;
    private HostProcess.Sample? _resumed = host?.Read();
    private double _cpuSeconds;

    public string Phase => phase;

    public int Errors => _errors.Count;

    public TimeSpan Elapsed => _elapsed;

    public int Requests => _latencies.Values.Sum(l => l.Count);

    public void Add(string kind, double milliseconds) => _latencies.GetOrAdd(kind, _ => []).Add(milliseconds);

    public void Error(string what)
    {
        _errors.Enqueue(what);
        if (_errors.Count <= 5)
        {
            output.WriteLine($"  error ({phase}): {what}");
        }
    }

    /// <summary>Stops the clock and the CPU count until <see cref="Resume"/>: for a phase run in slices between other phases' slices.</summary>
    public void Pause()
    {
        if (_clock.IsRunning)
        {
            _clock.Stop();
            _cpuSeconds += (host?.Read().CpuSeconds - _resumed?.CpuSeconds) ?? 0;
        }
    }

    /// <summary>Starts the clock and the CPU count again after <see cref="Pause"/>.</summary>
    public void Resume()
    {
        _resumed = host?.Read();
        _clock.Start();
    }

    public void Stop()
    {
        Pause();
        _elapsed = _clock.Elapsed;
        _end = host?.Read();
    }

    /// <summary>Requests per second of all kinds over the phase.</summary>
    public double Throughput => Requests / _elapsed.TotalSeconds;

    /// <summary>The host's CPU time (user + system) per request over the phase, in milliseconds; NaN without <c>--host-pid</c>.</summary>
    public double HostCpuPerRequest => host is null || Requests == 0 ? double.NaN : _cpuSeconds * 1000 / Requests;

    public double Mean(string kind) => _latencies.TryGetValue(kind, out var l) && !l.IsEmpty ? l.Average() : double.NaN;

    public void Print()
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== {phase}: {Requests} requests in {_elapsed.TotalSeconds:F1} s = {Throughput:F0} req/s, {Errors} errors"));
        foreach (var (kind, bag) in _latencies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Order().ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   {kind,-28} n={sorted.Length,6}  mean {sorted.Average(),7:F2} ms  p50 {Percentile(sorted, 50),7:F2}  p95 {Percentile(sorted, 95),7:F2}  p99 {Percentile(sorted, 99),7:F2}  max {sorted[^1],8:F1}"));
        }

        if (_end is { } e)
        {
            var cpu = _cpuSeconds;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   host: CPU {cpu:F1} s ({cpu / _elapsed.TotalSeconds * 100:F0}% of one core), RSS now {e.RssMb:F0} MB, peak RSS so far {e.PeakRssMb:F0} MB"));
        }
    }

    private static double Percentile(double[] sorted, int p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
