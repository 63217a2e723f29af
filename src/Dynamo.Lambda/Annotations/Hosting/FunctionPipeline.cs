using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dynamo.Contracts;
using Dynamo.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Lambda.Annotations.Hosting;

/// <summary>
/// What every generated handler shares: the event read from JSON, a service scope per invocation, the
/// <see cref="IInvocationFilter"/>s around the function, and the result written as JSON.
/// </summary>
public static class FunctionPipeline
{
    public static LambdaHandler For<TEvent, TResult>(
        string handler,
        IServiceProvider services,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType,
        Func<TEvent, FunctionInvocation, ValueTask<TResult>> function)
        where TEvent : class
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(function);
        var filters = services.GetServices<IInvocationFilter>().ToArray();
        InvocationStep pipeline = async invocation => invocation.Result = await function((TEvent)invocation.Event, invocation);
        for (var i = filters.Length - 1; i >= 0; i--)
        {
            var filter = filters[i];
            var next = pipeline;
            pipeline = invocation => filter.InvokeAsync(invocation, next);
        }

        return async (payload, response, context, cancellationToken) =>
        {
            var @event = JsonSerializer.Deserialize(payload.Span, eventType)
                ?? throw new JsonException($"The event is null; expected a {typeof(TEvent).Name}.");
            var scope = services.CreateAsyncScope();
            await using (scope)
            {
                var invocation = new FunctionInvocation(handler, @event, context, scope.ServiceProvider, cancellationToken);
                await pipeline(invocation);
                var result = invocation.Result as TResult
                    ?? throw new InvalidOperationException($"Function '{handler}' produced no {typeof(TResult).Name}: a filter must call next or set Result.");
                // Lambda counts its 6 MB on these bytes: escaped only where JSON must be (a reply body is one long string).
                await using var writer = new Utf8JsonWriter(response, MinimalJsonEscaping.WriterOptions);
                JsonSerializer.Serialize(writer, result, resultType);
            }
        };
    }
}
