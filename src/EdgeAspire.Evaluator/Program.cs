using EdgeAspire.Evaluator.Cli;

// System.CommandLine cancels the command's token on Ctrl+C and SIGTERM (a K3s Job being stopped): measurements
// already written stay, and the run is marked interrupted for --resume.
return await EvaluatorCli.RunAsync(args, Console.Out, Console.Error);
