using System.Globalization;

namespace Scim.LoadTest;

/// <summary>Command line: <c>--name value</c> pairs (see <see cref="Usage"/>).</summary>
public sealed record Options(
    string Mode, Uri BaseUrl, string AdminKey, int Clients, int Companies, int Users, int GroupSize, int BigGroup, int MemberBatch,
    bool Baseline, int? HostPid, int LargeSize, int SmallSize, int Rounds, int WarmUp)
{
    public const string Usage = """
        Scim.LoadTest: plays Entra ID against a running KeepnetHost (started with LoadTest__Baseline=true and a high
        Scim__RateLimit__RequestsPerSecond), then checks the result through the admin API. Exits 1 on any error or mismatch.

          --url http://127.0.0.1:5000   the host (loopback only)
          --admin-key KEY               the admin key (X-Api-Key)
          --mode cycle|large-groups     cycle (default): initial + incremental cycle; large-groups: member add/remove on 100,000 vs 10
          --smoke                       the short cycle CI runs (a few seconds): the values below in brackets; options given win
          --clients 8 [2]               concurrent clients
          --companies 2 [2] --users 2000 [40]   companies, users per company
          --group-size 50 [10]          users per ordinary group (each user is in one)
          --big-group 10000 [60]        one group of this many members in the first company (which gets at least as many users)
          --member-batch 100 [25]       members per Add-members PATCH
          --warm-up 2000 [20]           warm-up users on each path (SCIM in a company of its own: every request shape) before the first phase
          --no-baseline                 skip the baseline endpoint, and the lookups phase that compares with it
          --host-pid PID                the host process, for CPU and memory from /proc
          --large 100000 --small 10 --rounds 100   large-groups mode
        """;

    // Small enough for a few seconds, large enough that every phase and kind of check happens: two companies, a big
    // group sent in several batches, and in each company 5 users changed, 1 disabled and 1 deleted.
    private static readonly Dictionary<string, string> s_smoke = new()
    {
        ["clients"] = "2", ["companies"] = "2", ["users"] = "40", ["group-size"] = "10", ["big-group"] = "60", ["member-batch"] = "25", ["warm-up"] = "20",
    };

    /// <exception cref="ArgumentException">An unknown or incomplete argument, a non-loopback URL, or <c>--help</c> (the message is the usage).</exception>
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.\n{Usage}");
            }

            var name = args[i][2..];
            values[name] = name is "no-baseline" or "help" or "smoke" ? "true" : i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--{name} needs a value.");
        }

        if (values.ContainsKey("help"))
        {
            throw new ArgumentException(Usage);
        }

        if (values.ContainsKey("smoke"))
        {
            if (values.GetValueOrDefault("mode", "cycle") != "cycle")
            {
                throw new ArgumentException("--smoke is a short cycle; it does not combine with another --mode.");
            }

            foreach (var (name, value) in s_smoke)
            {
                values.TryAdd(name, value);
            }
        }

        var mode = values.GetValueOrDefault("mode", "cycle");
        if (mode is not ("cycle" or "large-groups"))
        {
            throw new ArgumentException($"Unknown --mode '{mode}'.\n{Usage}");
        }

        var url = new Uri(values.GetValueOrDefault("url", "http://127.0.0.1:5000"));
        if (!url.IsLoopback)
        {
            // The run creates companies and thousands of users: never against a host that is not this machine's.
            throw new ArgumentException("Load tests run against a loopback address only (127.0.0.1).");
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            mode, url,
            values.TryGetValue("admin-key", out var key) ? key : throw new ArgumentException($"--admin-key is required.\n{Usage}"),
            Int("clients", 8), Int("companies", 2), Int("users", 2000), Int("group-size", 50), Int("big-group", 10_000), Int("member-batch", 100),
            !values.ContainsKey("no-baseline"),
            values.TryGetValue("host-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Int("large", 100_000), Int("small", 10), Int("rounds", 100), Int("warm-up", 2000));
    }
}
