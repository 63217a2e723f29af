namespace Amazon.Lambda.Annotations;

/// <summary>
/// <c>[assembly: LambdaGlobalProperties(GenerateMain = true, Runtime = "provided.al2023")]</c>: the generator writes the
/// executable's <c>Main</c>, which runs the function <c>ANNOTATIONS_HANDLER</c> names (a method name); every function's
/// Handler is then the executable, <c>bootstrap</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public class LambdaGlobalPropertiesAttribute : Attribute
{
    public bool GenerateMain { get; set; }

    /// <summary>The Runtime of every function in serverless.template.</summary>
    public string? Runtime { get; set; }
}
