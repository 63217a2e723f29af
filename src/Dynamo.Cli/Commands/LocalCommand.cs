using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dynamo.Cli.Commands.Parsing;
using Dynamo.Cli.Local;
using Dynamo.Local;
using Dynamo.Local.Store;
using Dynamo.Local.Workers;

namespace Dynamo.Cli.Commands;

/// <summary>
/// `dynamo local`: the whole stack of template.yaml on this machine until Ctrl-C or SIGTERM. The stack itself is
/// <see cref="LocalStack"/>; this verb turns options into template parameters, prints the ready lines and keeps its
/// discovery file (.dynamo/local.json on the default port, <see cref="LocalStackFiles"/>) while it runs.
/// </summary>
internal static class LocalCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The API's port on 127.0.0.1", DefaultValueFactory = _ => LocalStackFiles.DefaultPort };
        var stage = new Option<string?>("--stage") { Description = "The API stage (template parameter Stage; default dev)" };
        var inMemory = new Option<bool>("--in-memory") { Description = "Keep DynamoDB's data in memory (thrown away at exit) instead of .dynamo/data (.dynamo/data-PORT with another --port)" };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "Keep DynamoDB's data in this folder instead of .dynamo/data, or .dynamo/data-PORT with another --port (a stack started again on it finds its rows)",
            HelpName = "DIR",
        };
        var dynamoDbPort = new Option<int>("--dynamodb-port")
        {
            Description = "The stack's DynamoDB port on 127.0.0.1, the one that throttles writes as DynamoDB does (default: a free one), so a stack started again answers where the last one did",
            HelpName = "PORT",
        };
        var dynamoDbLocalPort = new Option<int>("--dynamodb-local-port")
        {
            Description = "DynamoDB Local's own port behind the write-capacity emulation, for tools that must bypass it (default: a free one)",
            HelpName = "PORT",
        };
        var jit = new Option<bool>("--jit")
        {
            Description = "Run the JIT build of the functions (dotnet bootstrap.dll: no publish after an edit) instead of the Native AOT bootstrap that deploys",
        };
        var consolePort = new Option<int>("--console-port")
        {
            Description = "The console's port on 127.0.0.1 (http://127.0.0.1:PORT/_console/: metrics, logs, PartiQL, load reports; default: a free one)",
            HelpName = "PORT",
        };
        var reports = new Option<DirectoryInfo?>("--reports")
        {
            Description = "Where the console looks for `dynamo load` reports (default: the current directory)",
            HelpName = "DIR",
        };
        var parameters = SharedOptions.Parameters();
        var writeCapacity = new Option<int?>("--write-capacity")
        {
            Description = "Cap each table's writes at WCU units per second (short for --parameter MaxWriteRequestUnits=WCU)",
            HelpName = "WCU",
        };
        writeCapacity.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
                result.AddError("--write-capacity takes a whole number of write units per second, 1 or more.");
        });
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
                result.AddError("--port takes a TCP port, 1 to 65535.");
        });
        dynamoDbPort.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
                result.AddError("--dynamodb-port takes a TCP port, 1 to 65535.");
        });
        consolePort.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
                result.AddError("--console-port takes a TCP port, 1 to 65535.");
        });
        dynamoDbLocalPort.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
                result.AddError("--dynamodb-local-port takes a TCP port, 1 to 65535.");
        });

        var command = new Command("local", "Run the whole stack (API Gateway, Lambda workers, DynamoDB Local) on 127.0.0.1 from template.yaml")
        {
            port, stage, inMemory, data, dynamoDbPort, dynamoDbLocalPort, consolePort, reports, jit, parameters, writeCapacity,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string>(result.GetValue(parameters)!, StringComparer.Ordinal);
            if (result.GetValue(stage) is { } name) overrides["Stage"] = name;
            if (result.GetValue(writeCapacity) is { } units) overrides["MaxWriteRequestUnits"] = units.ToString(CultureInfo.InvariantCulture);
            if (result.GetValue(inMemory) && result.GetValue(data) is not null)
                throw new UsageException("--in-memory and --data exclude each other: data in memory is not kept in a folder.");
            var store = new StoreChoice(result.GetValue(inMemory), result.GetValue(data)?.FullName, result.GetValue(dynamoDbPort), result.GetValue(dynamoDbLocalPort));
            var console = new ConsoleChoice(result.GetValue(consolePort), result.GetValue(reports)?.FullName ?? Directory.GetCurrentDirectory());
            return RunAsync(result.GetValue(port), overrides, store, console, !result.GetValue(jit),
                result.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// Where DynamoDB Local keeps its data (memory, a folder, or .dynamo/data when null), the stack's metered DynamoDB
    /// port and DynamoDB Local's own (0: a free one).
    /// </summary>
    private sealed record StoreChoice(bool InMemory, string? DataDirectory, int Port, int LocalPort);

    /// <summary>The console's port (0: a free one) and the folder it finds load reports in.</summary>
    private sealed record ConsoleChoice(int Port, string ReportsDirectory);

    private static async Task<int> RunAsync(int port, IReadOnlyDictionary<string, string> parameters, StoreChoice store, ConsoleChoice console, bool aot,
        TextWriter output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var root = RepositoryRoot.Find();
        var functions = aot ? await PublishedFunctionsAsync(root, cancellationToken) : FunctionsExecutable.Jit(FunctionsExecutable.JitPath(root));
        var endpointsFile = LocalStackFiles.DiscoveryFile(root, port);
        var dataDirectory = store.InMemory ? null : store.DataDirectory ?? LocalStackFiles.DataFolder(root, port);

        LocalStack stack;
        try
        {
            stack = await LocalStack.StartAsync(new LocalStackOptions
            {
                RepositoryRoot = root,
                Port = port,
                Parameters = parameters,
                InMemory = store.InMemory,
                DataDirectory = dataDirectory,
                DynamoDbPort = store.Port,
                StorePort = store.LocalPort,
                Functions = functions,
                Console = output,
                ConsolePort = console.Port,
                ReportsDirectory = console.ReportsDirectory,
            }, cancellationToken);
        }
        catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"Port {port} is in use: stop what holds it, or pick another with --port.", e);
        }
        catch (PortInUseException e) when (e.Port != 0)
        {
            var option = e.Port == console.Port ? "--console-port" : e.Port == store.Port ? "--dynamodb-port" : "--dynamodb-local-port";
            throw new UsageException($"Port {e.Port} is in use: stop what holds it, or pick another with {option} (or leave it out for a free one).", e);
        }

        await using (stack)
        {
            var endpoints = stack.Endpoints;
            endpoints.Write(endpointsFile);
            output.WriteLine($"API {endpoints.Api.ToString().TrimEnd('/')}");
            output.WriteLine($"DynamoDB {endpoints.DynamoDb.ToString().TrimEnd('/')}");
            output.WriteLine($"DynamoDBLocal {endpoints.DynamoDbLocal.ToString().TrimEnd('/')}");
            if (stack.WebConsole is { } webConsole)
                output.WriteLine($"Console {webConsole.Page}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ready in {started.Elapsed.TotalSeconds:0.0} s ({(dataDirectory is null ? "data in memory" : $"data in {Shown(root, dataDirectory)}")}, {(aot ? "Native AOT" : "JIT")} functions). Ctrl-C stops everything."));
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: the normal end of a local stack.
            }
            finally
            {
                // The file says where a running stack answers; none does any more.
                File.Delete(endpointsFile);
            }
        }
        output.WriteLine("Stopped.");
        return ExitCodes.Success;
    }

    /// <summary>A folder inside the checkout as a relative path (.dynamo/data), any other in full.</summary>
    private static string Shown(string root, string folder) =>
        Path.GetRelativePath(root, folder) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) ? relative : folder;

    /// <summary>
    /// The published Native AOT bootstrap. scripts/publish.sh decides whether to publish: it compares a SHA-256 of
    /// the bootstrap's inputs (every file of the projects it is built from, the props, the SDK version) with the one
    /// kept beside the last publish, so an unchanged checkout starts at once and the first run on a fresh clone
    /// publishes once (1.5 to 3.5 minutes on 2 cores), printing its progress on the console as it goes.
    /// </summary>
    private static async Task<FunctionsExecutable> PublishedFunctionsAsync(string root, CancellationToken cancellationToken)
    {
        using var publish = Process.Start(new ProcessStartInfo(Path.Combine(root, "scripts", "publish.sh")) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run scripts/publish.sh.");
        try
        {
            await publish.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C during the publish: it shares our process group and got the signal too; wait for it to end.
            await publish.WaitForExitAsync(CancellationToken.None);
            throw;
        }
        if (publish.ExitCode != 0)
            throw new UsageException($"scripts/publish.sh failed (exit {publish.ExitCode}); its output above says why. `dynamo local --jit` runs the JIT build instead.");
        return FunctionsExecutable.Aot(FunctionsExecutable.AotPath(root));
    }
}
