using Microsoft.CodeAnalysis;

namespace Dynamo.Lambda.Generators;

/// <summary>The types the generator recognises (Amazon.Lambda.*'s names), looked up once per compilation.</summary>
internal sealed class KnownTypes(Compilation compilation)
{
    public const string Annotations = "Amazon.Lambda.Annotations.";
    public const string APIGateway = "Amazon.Lambda.Annotations.APIGateway.";
    public const string LambdaFunction = Annotations + "LambdaFunctionAttribute";
    public const string LambdaStartup = Annotations + "LambdaStartupAttribute";
    public const string LambdaGlobalProperties = Annotations + "LambdaGlobalPropertiesAttribute";
    public const string FromServices = Annotations + "FromServicesAttribute";
    public const string LambdaSerializer = "Amazon.Lambda.Core.LambdaSerializerAttribute";
    /// <summary>Project-owned (Dynamo.Lambda.Extensions): the official generator ignores it.</summary>
    public const string EnvironmentVariable = "Dynamo.Lambda.Extensions.EnvironmentVariableAttribute";

    public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
    public INamedTypeSymbol? TaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
    public INamedTypeSymbol? ValueTask { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
    public INamedTypeSymbol? ValueTaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
    public INamedTypeSymbol? CancellationToken { get; } = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    public INamedTypeSymbol? Convertible { get; } = compilation.GetTypeByMetadataName("System.IConvertible");
    public INamedTypeSymbol? LambdaContext { get; } = compilation.GetTypeByMetadataName("Amazon.Lambda.Core.ILambdaContext");
    public INamedTypeSymbol? ProxyRequest { get; } = compilation.GetTypeByMetadataName("Amazon.Lambda.APIGatewayEvents.APIGatewayProxyRequest");
    public INamedTypeSymbol? ProxyResponse { get; } = compilation.GetTypeByMetadataName("Amazon.Lambda.APIGatewayEvents.APIGatewayProxyResponse");
    public INamedTypeSymbol? AuthorizerRequest { get; } = compilation.GetTypeByMetadataName("Amazon.Lambda.APIGatewayEvents.APIGatewayCustomAuthorizerRequest");
    public INamedTypeSymbol? AuthorizerResponse { get; } = compilation.GetTypeByMetadataName("Amazon.Lambda.APIGatewayEvents.APIGatewayCustomAuthorizerResponse");
    public INamedTypeSymbol? HttpResult { get; } = compilation.GetTypeByMetadataName(APIGateway + "IHttpResult");
    public INamedTypeSymbol? ServiceCollection { get; } = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, known);

    public static string Name(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    public static string? AttributeName(AttributeData attribute) => attribute.AttributeClass?.ToDisplayString();
}
