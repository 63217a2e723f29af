using Microsoft.CodeAnalysis;

namespace Dynamo.Lambda.Generators;

/// <summary>The types the generator recognises, looked up once per compilation.</summary>
internal sealed class KnownTypes(Compilation compilation)
{
    public const string Annotations = "Dynamo.Lambda.Annotations.";
    public const string LambdaFunction = Annotations + "LambdaFunctionAttribute";
    public const string LambdaStartup = Annotations + "LambdaStartupAttribute";

    public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
    public INamedTypeSymbol? TaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
    public INamedTypeSymbol? ValueTask { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
    public INamedTypeSymbol? ValueTaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
    public INamedTypeSymbol? CancellationToken { get; } = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    public INamedTypeSymbol? Stream { get; } = compilation.GetTypeByMetadataName("System.IO.Stream");
    public INamedTypeSymbol? ReadOnlyMemory { get; } = compilation.GetTypeByMetadataName("System.ReadOnlyMemory`1");
    public INamedTypeSymbol? Parsable { get; } = compilation.GetTypeByMetadataName("System.IParsable`1");
    public INamedTypeSymbol? LambdaContext { get; } = compilation.GetTypeByMetadataName("Dynamo.Lambda.Runtime.ILambdaContext");
    public INamedTypeSymbol? ProxyRequest { get; } = compilation.GetTypeByMetadataName("Dynamo.Lambda.Events.APIGatewayProxyRequest");
    public INamedTypeSymbol? ProxyResponse { get; } = compilation.GetTypeByMetadataName("Dynamo.Lambda.Events.APIGatewayProxyResponse");
    public INamedTypeSymbol? AuthorizerRequest { get; } = compilation.GetTypeByMetadataName("Dynamo.Lambda.Events.APIGatewayCustomAuthorizerRequest");
    public INamedTypeSymbol? AuthorizerResponse { get; } = compilation.GetTypeByMetadataName("Dynamo.Lambda.Events.APIGatewayCustomAuthorizerResponse");
    public INamedTypeSymbol? HttpResult { get; } = compilation.GetTypeByMetadataName("Dynamo.Lambda.Annotations.Results.IHttpResult");
    public INamedTypeSymbol? ServiceCollection { get; } = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);

    public static string Name(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static string? AttributeName(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString();
}
