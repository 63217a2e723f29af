using Dynamo.Cli.Commands;

return await CommandLineRunner.RunAsync(RootCommandFactory.Create(), args, Console.Out, Console.Error);
