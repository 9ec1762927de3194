using Scim.LoadTest;

// Scim.LoadTest: see Options.Usage and benchmarks/README.md. Exit code: 0 passed, 1 failed, 2 bad arguments.
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

try
{
    return (await LoadRun.RunAsync(options, Console.Out)).Passed ? 0 : 1;
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
