using System.Buffers;
using System.Globalization;
using System.Text;
using Dynamo.Lambda.Runtime;
using Dynamo.Local.Workers;

namespace Dynamo.Lambda.Tests.Runtime;

/// <summary>The runtime client and loop against the runtime API server on loopback.</summary>
public sealed class LambdaRuntimeTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RuntimeApiServer _server = null!;
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _loop;

    public async Task InitializeAsync() => _server = await RuntimeApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop.WaitAsync(Patience);
        await _server.DisposeAsync();
    }

    public void Dispose() => _stop.Dispose();

    private FunctionEnvironment Environment(string handler = "test") => new()
    {
        RuntimeApi = _server.RuntimeApi,
        Handler = handler,
        FunctionName = "dynamo-test",
        MemoryLimitInMB = 1024,
    };

    private Task<int> Run(LambdaHandler handler) =>
        _loop = Task.Run(() => LambdaBootstrap.RunAsync(Environment(), _ => handler, _stop.Token));

    private Task<InvocationResult> Invoke(string payload, DateTimeOffset? deadline = null, InvocationHeaders? headers = null) =>
        _server.InvokeAsync(Encoding.UTF8.GetBytes(payload), deadline ?? DateTimeOffset.UtcNow.AddMinutes(1), headers)
            .WaitAsync(Patience);

    private static ValueTask Write(IBufferWriter<byte> response, string text)
    {
        response.Write(Encoding.UTF8.GetBytes(text));
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Two_invocations_in_a_row_each_get_their_own_response()
    {
        var loop = Run((payload, response, context, _) => Write(response, $"{Encoding.UTF8.GetString(payload.Span)}:{context.AwsRequestId}"));

        var first = await Invoke("one");
        var second = await Invoke("two");

        Assert.True(first.Succeeded);
        Assert.Equal($"one:{first.RequestId}", Encoding.UTF8.GetString(first.Response.Span));
        Assert.Equal($"two:{second.RequestId}", Encoding.UTF8.GetString(second.Response.Span));
        Assert.NotEqual(first.RequestId, second.RequestId);
        Assert.False(loop.IsCompleted);
    }

    [Fact]
    public async Task A_handler_exception_is_reported_with_its_error_type_header_and_the_loop_goes_on()
    {
        _ = Run((payload, response, _, _) => payload.Span.SequenceEqual("boom"u8)
            ? throw new InvalidOperationException("the handler failed")
            : Write(response, "fine"));

        var failed = await Invoke("boom");
        var next = await Invoke("again");

        Assert.NotNull(failed.Error);
        Assert.Equal(LambdaError.UnhandledCategory, failed.Error.Category);
        Assert.Equal(nameof(InvalidOperationException), failed.Error.ErrorType);
        Assert.Equal("the handler failed", failed.Error.ErrorMessage);
        Assert.NotEmpty(failed.Error.StackTrace);
        Assert.Equal("fine", Encoding.UTF8.GetString(next.Response.Span));
    }

    [Fact]
    public async Task A_failing_start_up_is_reported_to_init_error_and_ends_the_process_with_1()
    {
        var exit = await LambdaBootstrap.RunAsync(Environment(),
            _ => throw new InvalidOperationException("no configuration"), _stop.Token).WaitAsync(Patience);
        var error = await _server.InitError.WaitAsync(Patience);

        Assert.Equal(1, exit);
        Assert.Equal(LambdaError.InitErrorCategory, error.Category);
        Assert.Equal("no configuration", error.ErrorMessage);
    }

    [Fact]
    public async Task An_unknown_handler_is_reported_as_no_such_handler()
    {
        var exit = await LambdaBootstrap.RunAsync(Environment("nope"),
            env => throw new NoSuchHandlerException(env.Handler, ["health"]), _stop.Token).WaitAsync(Patience);
        var error = await _server.InitError.WaitAsync(Patience);

        Assert.Equal(1, exit);
        Assert.Equal(LambdaError.NoSuchHandlerCategory, error.Category);
        Assert.Contains("'nope'", error.ErrorMessage);
    }

    [Fact]
    public async Task The_deadline_reaches_the_handler_context()
    {
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds());
        _ = Run((_, response, context, token) => Write(response, string.Join(' ',
            ((LambdaContext)context).Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            context.RemainingTime > TimeSpan.FromMinutes(4) && context.RemainingTime <= TimeSpan.FromMinutes(5),
            token.CanBeCanceled)));

        var result = await Invoke("{}", deadline);

        Assert.Equal($"{deadline.ToUnixTimeMilliseconds()} True True", Encoding.UTF8.GetString(result.Response.Span));
    }

    [Fact]
    public async Task The_trace_id_and_the_invocation_headers_reach_the_handler()
    {
        const string trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        _ = Run((_, response, context, _) => Write(response, string.Join('|',
            System.Environment.GetEnvironmentVariable(LambdaRuntime.TraceIdVariable), context.TraceId,
            ((LambdaContext)context).ClientContext, ((LambdaContext)context).CognitoIdentity, context.InvokedFunctionArn, context.FunctionName, context.MemoryLimitInMB)));

        var result = await Invoke("{}", headers: new InvocationHeaders { TraceId = trace, ClientContext = """{"client":1}""", CognitoIdentity = """{"id":2}""" });

        Assert.Equal($"{trace}|{trace}|{{\"client\":1}}|{{\"id\":2}}|{new RuntimeApiServerOptions().FunctionArn}|dynamo-test|1024",
            Encoding.UTF8.GetString(result.Response.Span));
    }

    [Fact]
    public async Task A_six_megabyte_event_reaches_the_handler_whole_and_a_small_one_after_it_too()
    {
        var big = new string('x', 6 * 1024 * 1024 - 2);
        _ = Run((payload, response, _, _) => Write(response, $"{payload.Length}:{payload.Span[^1]}"));

        var first = await Invoke($"\"{big}\"");
        var second = await Invoke("12");

        Assert.Equal($"{6 * 1024 * 1024}:{(byte)'"'}", Encoding.UTF8.GetString(first.Response.Span));
        Assert.Equal($"2:{(byte)'2'}", Encoding.UTF8.GetString(second.Response.Span));
    }

    [Fact]
    public async Task Cancelling_the_loop_ends_it_with_exit_code_0()
    {
        var loop = Run((_, response, _, _) => Write(response, "ok"));
        await Invoke("{}");

        await _stop.CancelAsync();

        Assert.Equal(0, await loop.WaitAsync(Patience));
    }
}
