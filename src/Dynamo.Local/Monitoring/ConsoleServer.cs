using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.DynamoDBv2;
using Dynamo.Local.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Local.Monitoring;

/// <summary>
/// The local console: a page at http://127.0.0.1:PORT/_console/ on a loopback port of its own, never the API's, so no
/// path of it can meet a stage or route, its polling is in no access log or metric, and the API's 404 for /_console
/// stays API Gateway's (docs/console.md). It serves the page, uPlot from the installed browser libraries, and JSON:
/// <c>api/metrics</c>, <c>api/usage</c> (the billed quantities, docs/cost.md), <c>api/logs</c>, <c>api/query</c> (POST), <c>api/reports</c>, and the reports themselves under
/// <c>reports/</c>. Only Host 127.0.0.1 or localhost is answered, so a web page elsewhere cannot read it through DNS
/// rebinding, and the query takes only a JSON body, which no plain HTML form can send.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    public const string PathPrefix = "/_console";

    private readonly WebApplication _app;
    private readonly IAmazonDynamoDB _dynamo;

    private ConsoleServer(WebApplication app, IAmazonDynamoDB dynamo, Uri endpoint)
    {
        _app = app;
        _dynamo = dynamo;
        Endpoint = endpoint;
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri Endpoint { get; }
    /// <summary>http://127.0.0.1:PORT/_console/</summary>
    public Uri Page => new(Endpoint, PathPrefix + "/");

    /// <exception cref="PortInUseException">Another process holds the port.</exception>
    public static async Task<ConsoleServer> StartAsync(ConsoleServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dynamo = LocalDynamoDbClient.Create(options.DynamoDb);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        var requests = new Requests(options, dynamo, new LoadReportFolder(options.ReportsDirectory));
        app.Run(requests.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            dynamo.Dispose();
            if (e is IOException { InnerException: AddressInUseException })
                throw new PortInUseException(options.Port, "the console", e);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var endpoint = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority));
        requests.Port = endpoint.Port;
        return new ConsoleServer(app, dynamo, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _dynamo.Dispose();
    }

    private sealed class Requests(ConsoleServerOptions options, IAmazonDynamoDB dynamo, LoadReportFolder reports)
    {
        private const string Json = "application/json; charset=utf-8";
        private static readonly Assembly Assets = typeof(ConsoleServer).Assembly;

        public int Port { get; set; }

        public async Task HandleAsync(HttpContext http)
        {
            var request = http.Request;
            var response = http.Response;
            response.Headers.CacheControl = "no-store";
            if (!IsLocalHost(request.Host))
            {
                await ProblemAsync(response, 403, $"The console answers at http://127.0.0.1:{Port}{PathPrefix}/ only (Host {request.Host} refused: a page elsewhere may not read it).");
                return;
            }
            var path = request.Path.Value ?? "/";
            if (path is "/" or PathPrefix)
            {
                response.Redirect(PathPrefix + "/");
                return;
            }
            if (!path.StartsWith(PathPrefix + "/", StringComparison.Ordinal))
            {
                await ProblemAsync(response, 404, $"Nothing at {path}: the console is at {PathPrefix}/.");
                return;
            }
            var below = path[(PathPrefix.Length + 1)..];
            if (below == "api/query")
            {
                if (!HttpMethods.IsPost(request.Method))
                {
                    response.Headers.Allow = "POST";
                    await ProblemAsync(response, 405, "api/query takes a POST with a JSON body {\"statement\": \"SELECT ...\"}.");
                    return;
                }
                await QueryAsync(http);
                return;
            }
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                response.Headers.Allow = "GET, HEAD";
                await ProblemAsync(response, 405, $"{path} answers GET only.");
                return;
            }
            switch (below)
            {
                case "":
                    await AssetAsync(response, "console.html", "text/html; charset=utf-8");
                    return;
                case "console.js":
                    await AssetAsync(response, "console.js", "text/javascript; charset=utf-8");
                    return;
                case "console.css":
                    await AssetAsync(response, "console.css", "text/css; charset=utf-8");
                    return;
                case "lib/uPlot.iife.min.js":
                    await LibraryAsync(response, "uPlot.iife.min.js", "text/javascript; charset=utf-8");
                    return;
                case "lib/uPlot.min.css":
                    await LibraryAsync(response, "uPlot.min.css", "text/css; charset=utf-8");
                    return;
                case "api/info":
                    await JsonAsync(response, 200, new ConsoleInfo(options.Api.ToString().TrimEnd('/'), options.DynamoDb.ToString().TrimEnd('/'),
                        options.Monitor.Snapshot().Stages[0].Name, File.Exists(Path.Combine(options.ChartLibraryDirectory, "uPlot.iife.min.js"))), ConsoleJsonContext.Default.ConsoleInfo);
                    return;
                case "api/metrics":
                    await JsonAsync(response, 200, options.Monitor.Snapshot(), ConsoleJsonContext.Default.MonitorSnapshot);
                    return;
                case "api/usage":
                    await JsonAsync(response, 200, options.Monitor.Usage(), Costing.CostingJsonContext.Default.Usage);
                    return;
                case "api/logs":
                    await LogsAsync(http);
                    return;
                case "api/reports":
                    await JsonAsync(response, 200, new ReportsAnswer(reports.Root, reports.Find()), ConsoleJsonContext.Default.ReportsAnswer);
                    return;
            }
            if (below.StartsWith("reports/", StringComparison.Ordinal))
            {
                await ReportAsync(response, Uri.UnescapeDataString(below["reports/".Length..]));
                return;
            }
            await ProblemAsync(response, 404, $"Nothing at {path}.");
        }

        private bool IsLocalHost(HostString host) =>
            host.Port == Port && (string.Equals(host.Host, "127.0.0.1", StringComparison.Ordinal) || string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase));

        private async Task LogsAsync(HttpContext http)
        {
            var query = http.Request.Query;
            if (!LogFilter.TryCreate(query["requestId"], query["status"], query["function"], out var filter, out var problem))
            {
                await ProblemAsync(http.Response, 400, problem);
                return;
            }
            long after = 0;
            if (query["after"].FirstOrDefault() is { Length: > 0 } text && !long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after))
            {
                await ProblemAsync(http.Response, 400, $"after '{text}' is not a log sequence number (a whole number, 0 or more).");
                return;
            }
            var entries = options.Monitor.Logs(filter, after, 500);
            await JsonAsync(http.Response, 200, new LogsAnswer(entries, entries.Count == 0 ? after : entries[^1].Sequence), ConsoleJsonContext.Default.LogsAnswer);
        }

        private async Task QueryAsync(HttpContext http)
        {
            if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                await ProblemAsync(http.Response, 415, "api/query takes Content-Type application/json: {\"statement\": \"SELECT ...\"}.");
                return;
            }
            ConsoleQueryRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync(http.Request.Body, ConsoleJsonContext.Default.ConsoleQueryRequest, http.RequestAborted);
            }
            catch (JsonException e)
            {
                await ProblemAsync(http.Response, 400, $"The body is not the JSON {{\"statement\": \"SELECT ...\"}}: {e.Message}");
                return;
            }
            var (status, answer, problem) = await ConsoleQuery.RunAsync(dynamo, options.DynamoDb.ToString().TrimEnd('/'), body ?? new ConsoleQueryRequest(null, null), http.RequestAborted);
            if (answer is null)
                await ProblemAsync(http.Response, status, problem!);
            else
                await JsonAsync(http.Response, 200, answer, ConsoleJsonContext.Default.ConsoleQueryAnswer);
        }

        private async Task ReportAsync(HttpResponse response, string relative)
        {
            if (reports.File(relative) is not { } file)
            {
                await ProblemAsync(response, 404, $"No report.html or report.json at {relative} under {reports.Root}.");
                return;
            }
            response.ContentType = file.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8" : Json;
            await response.SendFileAsync(file);
        }

        private static async Task AssetAsync(HttpResponse response, string name, string contentType)
        {
            await using var asset = Assets.GetManifestResourceStream("Dynamo.Console." + name)
                ?? throw new InvalidOperationException($"The console's {name} is not embedded in {Assets.GetName().Name}.");
            response.ContentType = contentType;
            await asset.CopyToAsync(response.Body);
        }

        private async Task LibraryAsync(HttpResponse response, string name, string contentType)
        {
            var file = Path.Combine(options.ChartLibraryDirectory, name);
            if (!File.Exists(file))
            {
                await ProblemAsync(response, 404, $"{name} is not installed in {options.ChartLibraryDirectory}: scripts/dynamo installs it (npm ci in browser/); the page shows its numbers without charts meanwhile.");
                return;
            }
            response.ContentType = contentType;
            await response.SendFileAsync(file);
        }

        private static Task ProblemAsync(HttpResponse response, int status, string message) =>
            JsonAsync(response, status, new ConsoleProblem(message), ConsoleJsonContext.Default.ConsoleProblem);

        private static async Task JsonAsync<T>(HttpResponse response, int status, T value, JsonTypeInfo<T> type)
        {
            response.StatusCode = status;
            response.ContentType = Json;
            await JsonSerializer.SerializeAsync(response.Body, value, type);
        }
    }
}
