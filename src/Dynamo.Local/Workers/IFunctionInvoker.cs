namespace Dynamo.Local.Workers;

/// <summary>Invokes a function of the template by its logical ID, as API Gateway invokes Lambda.</summary>
public interface IFunctionInvoker
{
    Task<InvocationResult> InvokeAsync(string functionLogicalId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
