using System.Buffers;
using System.Runtime.InteropServices;
using Amazon.Lambda.Core;
using Dynamo.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Lambda.Annotations.Hosting;

/// <summary>
/// What every generated handler shares, as Amazon.Lambda.Annotations' generated code does it: the event read through
/// the assembly's serializer, a service scope per invocation, and the result written back. An exception from the
/// function is the invocation's error (API Gateway answers 502 for it): nothing here catches it.
/// </summary>
public static class FunctionPipeline
{
    /// <summary>A function whose generated code has already written the response (a RestApi function's proxy response).</summary>
    public static LambdaHandler For<TEvent>(
        IServiceProvider services, ILambdaSerializer serializer, Func<TEvent, ILambdaContext, IServiceProvider, ValueTask<Stream>> function)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(function);
        return async (payload, response, context, _) =>
        {
            var @event = Read<TEvent>(serializer, payload);
            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                using var result = await function(@event, context, scope.ServiceProvider).ConfigureAwait(false);
                Copy(result, response);
            }
        };
    }

    /// <summary>A function whose result the serializer writes (an authorizer's policy).</summary>
    public static LambdaHandler For<TEvent, TResult>(
        IServiceProvider services, ILambdaSerializer serializer, Func<TEvent, ILambdaContext, IServiceProvider, ValueTask<TResult>> function)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(function);
        return For<TEvent>(services, serializer, async (@event, context, provider) =>
        {
            var result = await function(@event, context, provider).ConfigureAwait(false);
            var json = new MemoryStream();
            serializer.Serialize(result, json);
            json.Position = 0;
            return json;
        });
    }

    private static void Copy(Stream source, IBufferWriter<byte> target)
    {
        while (true)
        {
            var read = source.Read(target.GetSpan(16 * 1024));
            if (read == 0) return;
            target.Advance(read);
        }
    }

    private static TEvent Read<TEvent>(ILambdaSerializer serializer, ReadOnlyMemory<byte> payload)
    {
        // The payload lives in the runtime client's reused array: read it in place, without a copy.
        using var stream = MemoryMarshal.TryGetArray(payload, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false, publiclyVisible: true)
            : new MemoryStream(payload.ToArray(), 0, payload.Length, writable: false, publiclyVisible: true);
        return serializer.Deserialize<TEvent>(stream)
            ?? throw new InvalidOperationException($"The event is null; expected a {typeof(TEvent).Name}.");
    }
}
