using Dynamo.Core.Datasets;
using Dynamo.Local.Capacity;
using Dynamo.Local.Gateway;
using Dynamo.Local.Monitoring;
using Dynamo.Local.Store;
using Dynamo.Local.Template;
using Dynamo.Local.Workers;

namespace Dynamo.Local;

/// <summary>
/// The whole stack on one machine, from template.yaml: DynamoDB Local with a table per dataset (started again
/// if it ends on its own), the write-capacity emulation in front of it, the functions in worker processes, and
/// the API Gateway emulator in front of them. DynamoDB Local is warmed up and every function's warm pool has
/// finished its Init before <see cref="StartAsync"/> returns. Disposing it stops every process it started.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A CloudFormation stack, as in template.yaml; not a LIFO collection.")]
public sealed class LocalStack : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _started;

    private LocalStack(List<IAsyncDisposable> started, StackTemplate template, SupervisedStore store, CapacityProxy capacity, WorkerFleet workers, ApiGateway gateway,
        StackMonitor monitor, ConsoleServer? console)
    {
        Monitor = monitor;
        WebConsole = console;
        _started = started;
        Template = template;
        Store = store;
        Capacity = capacity;
        Workers = workers;
        Gateway = gateway;
    }

    public StackTemplate Template { get; }
    public SupervisedStore Store { get; }
    public CapacityProxy Capacity { get; }
    public WorkerFleet Workers { get; }
    public ApiGateway Gateway { get; }
    /// <summary>The metrics and log lines the console shows, collected whether or not a console is served.</summary>
    public StackMonitor Monitor { get; }
    /// <summary>The local console (docs/console.md); null when <see cref="LocalStackOptions.ConsolePort"/> is null.</summary>
    public ConsoleServer? WebConsole { get; }

    /// <summary>The API keys the stack created, with their values (API Gateway generates them; the template may fix them).</summary>
    public IReadOnlyList<LocalApiKey> ApiKeys { get; private init; } = [];

    public LocalEndpoints Endpoints => new(Gateway.BaseUrl, Capacity.Endpoint, Store.Endpoint) { ApiKeys = ApiKeys, Console = WebConsole?.Page };

    public static async Task<LocalStack> StartAsync(LocalStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var console = TextWriter.Synchronized(options.Console ?? System.Console.Out);
        void Line(string line)
        {
            try { console.WriteLine(line); }
            catch (IOException) { } // a closed console must not stop the stack
        }

        var template = StackTemplateReader.Read(options.TemplatePath, options.Parameters);
        // Locally each table is named after its dataset.
        var catalog = DatasetCatalog.Load("");
        DatasetTables.CheckAgreement(catalog, template);
        var functions = options.Functions ?? FunctionsExecutable.Jit(FunctionsExecutable.JitPath(options.RepositoryRoot));
        var monitor = new StackMonitor(template);

        var started = new List<IAsyncDisposable>();
        try
        {
            var store = await SupervisedStore.StartAsync(new DynamoDbLocalOptions
            {
                InstallDirectory = DynamoDbLocalOptions.DefaultInstallDirectory(options.RepositoryRoot),
                DataDirectory = options.InMemory ? null : options.DataPath,
                Port = options.StorePort,
            }, async (client, token) =>
            {
                foreach (var table in await DatasetTables.EnsureAsync(client, catalog, token).ConfigureAwait(false))
                    Line($"created table {table}");
            }, Line, cancellationToken).ConfigureAwait(false);
            started.Add(store);

            var limits = new CapacityLimits
            {
                MaxWriteRequestUnits = template.Tables.ToDictionary(table => table.LocalTableName, table => table.MaxWriteRequestUnits, StringComparer.Ordinal),
            };
            var capacity = await CapacityProxy.StartAsync(store.Endpoint, limits, TimeProvider.System, new MonitorCapacitySink(new ConsoleCapacitySink(console), monitor), options.DynamoDbPort, cancellationToken).ConfigureAwait(false);
            started.Add(capacity);
            // Through the emulation, so its own code paths are warm too, not only DynamoDB Local's.
            using (var throughEmulation = LocalDynamoDbClient.Create(capacity.Endpoint))
                Line(await StoreWarmUp.RunAsync(throughEmulation, cancellationToken).ConfigureAwait(false));

            var workers = new WorkerFleet(template.Functions, functions, capacity.Endpoint, line =>
            {
                Line(line);
                monitor.FunctionLine(line);
            }, environmentOverrides: options.FunctionEnvironment);
            started.Add(workers);
            monitor.ReadConcurrencyFrom(workers.RunningInvocations);
            // Sandboxes ahead of demand: the first requests find them warm, as ProvisionedConcurrency would.
            var warming = System.Diagnostics.Stopwatch.StartNew();
            var sandboxes = await workers.WarmAsync(cancellationToken).ConfigureAwait(false);
            Line(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{sandboxes} sandboxes warm in {warming.Elapsed.TotalSeconds:0.0} s ({string.Join(", ", template.Functions.Select(f => $"{f.LogicalId} {workers.WarmSandboxes(f.LogicalId)}"))}; at most {WorkerFleet.MaxConcurrentInits} Init at a time)"));

            var gatewayOptions = GatewayOptions.From(template, options.Port) with
            {
                UnixSocketPath = options.UnixSocketPath,
                QuotaPeriod = options.QuotaPeriod,
                Observer = monitor.Answered,
            };
            foreach (var key in gatewayOptions.ApiKeys)
                Line(ApiKeyLine(key, template));
            var gateway = await ApiGateway.StartAsync(gatewayOptions, new MeteredFunctions(workers, monitor), Line, cancellationToken: cancellationToken).ConfigureAwait(false);
            started.Add(gateway);

            ConsoleServer? consoleServer = null;
            if (options.ConsolePort is { } consolePort)
            {
                consoleServer = await ConsoleServer.StartAsync(new ConsoleServerOptions
                {
                    Port = consolePort,
                    Monitor = monitor,
                    DynamoDb = capacity.Endpoint,
                    Api = gateway.BaseUrl,
                    ReportsDirectory = options.ReportsDirectory ?? Directory.GetCurrentDirectory(),
                    ChartLibraryDirectory = options.ChartLibraryDirectory,
                }, cancellationToken).ConfigureAwait(false);
                started.Add(consoleServer);
            }
            return new LocalStack(started, template, store, capacity, workers, gateway, monitor, consoleServer) { ApiKeys = gatewayOptions.ApiKeys };
        }
        catch
        {
            await StopAsync(started).ConfigureAwait(false);
            throw;
        }
    }

    // "API key DefaultApiKey (id k3x..., plan DefaultUsagePlan: 25 rps, burst 50, no quota): VALUE": the value is what a
    // client sends as x-api-key, as `aws apigateway get-api-key --include-value` shows it on AWS; the access log names the id only.
    private static string ApiKeyLine(LocalApiKey key, StackTemplate template)
    {
        var plan = template.UsagePlans.FirstOrDefault(plan => plan.LogicalId == key.UsagePlan);
        var limits = plan is null ? "in no usage plan of the stage: refused" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"plan {plan.LogicalId}: {(plan.Throttle is { } t ? $"{t.RateLimit:0.##} rps, burst {t.BurstLimit}" : "no throttle")}, {(plan.Quota is { } q ? $"quota {q.Limit:N0} a {q.Period.ToLowerInvariant()}" : "no quota")}");
        return $"API key {key.LogicalId} (id {key.Id}, {limits}{(key.Enabled ? "" : ", disabled")}): {key.Value}";
    }

    // In reverse order: no request reaches a worker, and no worker the store, after it stopped.
    private static async Task StopAsync(List<IAsyncDisposable> started)
    {
        for (var i = started.Count - 1; i >= 0; i--)
            await started[i].DisposeAsync().ConfigureAwait(false);
        started.Clear();
    }

    public ValueTask DisposeAsync() => new(StopAsync(_started));
}
