namespace Amazon.Lambda.Core;

/// <summary>
/// <c>[assembly: LambdaSerializer(typeof(MySerializer))]</c>: the <see cref="ILambdaSerializer"/> (with a public
/// parameterless constructor) that reads every event and writes every result and JSON body of the assembly's functions.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class LambdaSerializerAttribute(Type serializerType) : Attribute
{
    public Type SerializerType { get; set; } = serializerType;
}
