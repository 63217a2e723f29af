using System.Text;
using Amazon.Lambda.Serialization.SystemTextJson;
using Dynamo.Local.Gateway.Events;
using Dynamo.Testing;

namespace Dynamo.Lambda.Tests.Serialization;

/// <summary>
/// The stand-in serializer reads an event the runtime holds in memory from its bytes, in one pass, and any other
/// stream as a stream: both from where the stream stands, to the same event.
/// </summary>
public sealed class SerializerTests
{
    private sealed class Serializer() : SourceGeneratorLambdaJsonSerializer<APIGatewayJsonContext>();

    [Fact]
    public void An_event_in_memory_reads_from_the_streams_position_as_a_stream_would()
    {
        var prefix = "ignored before the event"u8.ToArray();
        var bytes = prefix.Concat(Encoding.UTF8.GetBytes(EventFixtures.Text(EventFixtures.RestProxy))).ToArray();
        var serializer = new Serializer();

        using var inMemory = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true) { Position = prefix.Length };
        using var hidden = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: false) { Position = prefix.Length };
        var fromBytes = serializer.Deserialize<APIGatewayProxyRequest>(inMemory);
        var fromStream = serializer.Deserialize<APIGatewayProxyRequest>(hidden);

        Assert.StartsWith("{\"rows\":[", fromBytes.Body);
        Assert.Equal(fromStream.Body, fromBytes.Body);
        Assert.Equal(fromStream.RequestContext!.RequestId, fromBytes.RequestContext!.RequestId);
    }
}
