namespace Dynamo.Lambda.Annotations;

/// <summary>
/// On the <see cref="LambdaStartupAttribute"/> class: a source-generated <c>JsonSerializerContext</c> whose
/// <c>[JsonSerializable]</c> types the functions may take as a JSON body or return as a JSON result. The
/// generator checks at compile time that each such type is listed, so no serialization falls back to reflection.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LambdaSerializerAttribute(Type context) : Attribute
{
    public Type Context { get; } = context;
}
