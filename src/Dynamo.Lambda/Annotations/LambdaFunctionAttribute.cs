namespace Amazon.Lambda.Annotations;

/// <summary>
/// Makes a method a Lambda function: the generator writes its handler (event in, response out), selects it by the
/// method's name in <c>ANNOTATIONS_HANDLER</c> and describes it for <c>serverless.template</c>. The method also needs
/// an event: <c>[RestApi]</c> or <c>[RestApiAuthorizer]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class LambdaFunctionAttribute : Attribute
{
    /// <summary>The CloudFormation logical id of the function; by default the method's name.</summary>
    public string? ResourceName { get; set; }

    /// <summary>Seconds (1 to 900); unset leaves Lambda's default of 3.</summary>
    public uint Timeout { get; set; }

    /// <summary>Megabytes (128 to 10,240); unset leaves Lambda's default of 128.</summary>
    public uint MemorySize { get; set; }

    /// <summary>The execution role's ARN, instead of <see cref="Policies"/>.</summary>
    public string? Role { get; set; }

    /// <summary>Comma-separated IAM managed policy names or ARNs attached to the function's role.</summary>
    public string? Policies { get; set; }
}
