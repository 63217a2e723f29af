using System.Net;
using System.Net.Sockets;

namespace Dynamo.EndToEnd.Tests;

/// <summary>HTTP clients that reach the gateway from a chosen source: another loopback address, or a Unix socket (no IP at all).</summary>
internal static class Callers
{
    /// <summary>A client whose TCP connections leave from <paramref name="source"/> (e.g. 127.0.0.2, still loopback on Linux).</summary>
    public static HttpClient From(IPAddress source, Uri baseAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress };

    /// <summary>A client that talks HTTP over the Unix socket at <paramref name="path"/>; the gateway sees no source IP.</summary>
    public static HttpClient OverUnixSocket(string path, string stage) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = new Uri($"http://localhost/{stage}/") };
}
