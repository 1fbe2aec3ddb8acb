using BenchmarkDotNet.Running;

// Micro-benchmarks of the hot paths: dotnet run -c Release --project test/Orleans.Kinesis.MicroBenchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Orleans.Kinesis.MicroBenchmarks.PutRecordsParseBenchmark).Assembly).Run(args);
