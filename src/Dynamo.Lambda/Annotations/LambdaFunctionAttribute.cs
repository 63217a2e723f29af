namespace Dynamo.Lambda.Annotations;

/// <summary>
/// Makes a method a Lambda function: the generator writes its handler (event in, response out), registers it
/// under <see cref="Handler"/> and describes it for <c>serverless.template</c>. The method also needs an event:
/// <see cref="RestApiAttribute"/> or <see cref="RestApiAuthorizerAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LambdaFunctionAttribute : Attribute
{
    /// <summary>The CloudFormation logical id of the function; by default the method's name.</summary>
    public string? ResourceName { get; set; }

    /// <summary>
    /// The function's Handler setting, which the runtime passes as <c>_HANDLER</c> to pick this function out of
    /// the one executable; by default <see cref="ResourceName"/> in lower-case kebab case (<c>Ingest</c> is <c>ingest</c>).
    /// </summary>
    public string? Handler { get; set; }

    /// <summary>Megabytes (128 to 10,240); unset leaves Lambda's default of 128.</summary>
    public int MemorySize { get; set; }

    /// <summary>Seconds (1 to 900); unset leaves Lambda's default of 3.</summary>
    public int Timeout { get; set; }

    /// <summary>Comma-separated IAM managed policy names or ARNs attached to the function's role.</summary>
    public string? Policies { get; set; }
}
