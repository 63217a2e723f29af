using System.Collections.Concurrent;
using Amazon.DynamoDBv2.Internal;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Auth;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// DynamoDB's endpoint resolver, run once per table for prepared-body requests: the SDK evaluates its endpoint
/// rules on every call, and for one client, one region and one table the answer is always the same. What the
/// resolution sets on the request (endpoint, its attributes, signing region, name and version) is remembered and
/// applied to the next calls. Other requests resolve as the SDK does.
/// </summary>
internal sealed class CachedEndpointResolver : AmazonDynamoDBEndpointResolver
{
    private readonly ConcurrentDictionary<string, Resolved> _byTable = new(StringComparer.Ordinal);

    public override void ProcessRequestHandlers(IExecutionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        var table = (executionContext.RequestContext.OriginalRequest as IPreparedBody)?.Table;
        if (table is null)
        {
            base.ProcessRequestHandlers(executionContext);
            return;
        }
        var request = executionContext.RequestContext.Request;
        if (!_byTable.TryGetValue(table, out var resolved))
        {
            var headersBefore = new HashSet<string>(request.Headers.Keys, StringComparer.OrdinalIgnoreCase);
            base.ProcessRequestHandlers(executionContext);
            resolved = new Resolved(request.Endpoint, request.EndpointAttributes, request.SignatureVersion, request.AuthenticationRegion,
                request.OverrideSigningServiceName, request.UseDoubleEncoding,
                request.Headers.Where(h => !headersBefore.Contains(h.Key)).ToArray());
            _byTable.TryAdd(table, resolved);
            return;
        }
        request.Endpoint = resolved.Endpoint;
        request.EndpointAttributes = resolved.Attributes;
        request.SignatureVersion = resolved.SignatureVersion;
        request.AuthenticationRegion = resolved.AuthenticationRegion;
        request.OverrideSigningServiceName = resolved.SigningServiceName;
        request.UseDoubleEncoding = resolved.UseDoubleEncoding;
        foreach (var (name, value) in resolved.Headers) request.Headers[name] = value;
    }

    private sealed record Resolved(
        Uri Endpoint, IPropertyBag Attributes, SignatureVersion SignatureVersion, string AuthenticationRegion,
        string SigningServiceName, bool UseDoubleEncoding, KeyValuePair<string, string>[] Headers);
}
