using System.Net;
using Dynamo.Local.Store;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Local.Capacity;

/// <summary>
/// DynamoDB's write capacity, which DynamoDB Local does not emulate: a proxy on the DynamoDB JSON protocol, on its
/// own loopback port, in front of DynamoDB Local; it is the stack's DynamoDB endpoint (docs/local-stack.md). Every
/// write API is checked as DynamoDB checks it, counted in write units as DynamoDB counts them and held to each table's
/// MaxWriteRequestUnits (at most one second of burst) and to 1,000 units per second per partition key value; what does
/// not fit is answered as DynamoDB would (UnprocessedItems, a ThrottlingException, a cancelled transaction, a
/// statement's own error). Everything else passes through unchanged.
/// </summary>
public sealed class CapacityProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Upstream _upstream;
    private readonly CapacityReport _report;
    private readonly IDisposable _describeClient;

    private CapacityProxy(WebApplication app, Upstream upstream, CapacityReport report, IDisposable describeClient, Uri endpoint)
    {
        _app = app;
        _upstream = upstream;
        _report = report;
        _describeClient = describeClient;
        Endpoint = endpoint;
    }

    /// <summary>Where clients send their DynamoDB requests instead of DynamoDB Local (http://127.0.0.1:port).</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// Starts the proxy in front of <paramref name="upstream"/> (DynamoDB Local's endpoint) on 127.0.0.1:<paramref name="port"/>
    /// (0: a free one). The clock drives the token buckets and the once-a-second report to <paramref name="sink"/>;
    /// tests pass a fake one.
    /// </summary>
    /// <exception cref="PortInUseException">Another process holds <paramref name="port"/>.</exception>
    public static async Task<CapacityProxy> StartAsync(Uri upstream, CapacityLimits limits, TimeProvider time, ICapacitySink sink, int port = 0, CancellationToken cancellationToken = default)
    {
        var forwarder = new Upstream(upstream);
        var describeClient = LocalDynamoDbClient.Create(upstream);
        var report = new CapacityReport(limits, time, sink);
        var admission = new WriteAdmission(forwarder, new TableKeySchemas(describeClient), new CapacityBuckets(limits, time), report);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(admission.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            await app.DisposeAsync();
            report.Dispose();
            forwarder.Dispose();
            describeClient.Dispose();
            if (e is IOException { InnerException: AddressInUseException })
                throw new PortInUseException(port, "the DynamoDB endpoint", e);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new CapacityProxy(app, forwarder, report, describeClient, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _report.Dispose();
        _upstream.Dispose();
        _describeClient.Dispose();
    }
}
