using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Scim.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
