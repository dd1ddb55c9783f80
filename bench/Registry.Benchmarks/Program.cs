using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Registry.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Registry.Benchmarks.DigestBenchmarks).Assembly).Run(args);
