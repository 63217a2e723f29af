using System.Buffers;
using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Runtime;

/// <summary>
/// A function at the runtime API's level: the event's raw bytes in, the response's bytes written to
/// <paramref name="response"/>. The generated handlers (see <c>FunctionPipeline</c>) sit on top. The token is
/// cancelled at the invocation's deadline. An exception becomes the invocation's error report.
/// </summary>
public delegate ValueTask LambdaHandler(
    ReadOnlyMemory<byte> payload, IBufferWriter<byte> response, ILambdaContext context, CancellationToken cancellationToken);
