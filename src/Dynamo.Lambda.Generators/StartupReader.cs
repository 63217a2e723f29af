using System.Linq;
using Dynamo.Lambda.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Dynamo.Lambda.Generators;

/// <summary>Reads the [LambdaStartup] class (built with <c>new</c>, then <c>ConfigureServices</c>, as Amazon.Lambda.Annotations does) and the assembly's attributes.</summary>
internal static class StartupReader
{
    private const string JsonSerializable = "System.Text.Json.Serialization.JsonSerializableAttribute";

    public static StartupModel Read(INamedTypeSymbol type, KnownTypes known)
    {
        var location = LocationInfo.From(type.Locations.FirstOrDefault());
        var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>();
        void Report(string problem) =>
            diagnostics.Add(new DiagnosticInfo(Diagnostics.BadStartup.Id, location, new[] { type.Name, problem }.ToEquatableArray()));

        var configure = type.GetMembers("ConfigureServices").OfType<IMethodSymbol>().FirstOrDefault(m =>
            m.Parameters.Length == 1 && KnownTypes.Is(m.Parameters[0].Type, known.ServiceCollection)
            && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);
        if (configure is null || configure.IsStatic)
            Report("it needs an instance method 'public void ConfigureServices(IServiceCollection services)': the generated code calls it on 'new Startup()'");
        if (type.IsStatic || type.IsAbstract || type.IsGenericType
            || !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal))
            Report("it must be a non-static, non-generic, non-abstract class with a parameterless constructor");

        return new StartupModel(KnownTypes.Name(type), FunctionReader.EnvironmentVariables(type.GetAttributes()), diagnostics.ToEquatableArray(), location);
    }

    /// <summary>The serializer of <c>[assembly: LambdaSerializer]</c>, its context's types, and <c>GenerateMain</c>.</summary>
    public static AssemblyModel ReadAssembly(Compilation compilation)
    {
        var attributes = compilation.Assembly.GetAttributes();
        var generateMain = attributes
            .Where(a => KnownTypes.AttributeName(a) == KnownTypes.LambdaGlobalProperties)
            .SelectMany(a => a.NamedArguments)
            .Any(argument => argument.Key == "GenerateMain" && argument.Value.Value is true);
        var serializer = attributes
            .Where(a => KnownTypes.AttributeName(a) == KnownTypes.LambdaSerializer && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].Value)
            .OfType<INamedTypeSymbol>()
            .FirstOrDefault();
        if (serializer is null) return new AssemblyModel(null, null, generateMain);

        INamedTypeSymbol? context = null;
        for (var type = serializer; type is not null && context is null; type = type.BaseType)
            if (type.IsGenericType && type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                    .Replace("global::", "").StartsWith("Amazon.Lambda.Serialization.SystemTextJson.SourceGeneratorLambdaJsonSerializer<", System.StringComparison.Ordinal))
                context = type.TypeArguments[0] as INamedTypeSymbol;
        var types = context?.GetAttributes()
            .Where(a => KnownTypes.AttributeName(a) == JsonSerializable && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].Value)
            .OfType<ITypeSymbol>()
            .Select(KnownTypes.Name)
            .ToEquatableArray();
        return new AssemblyModel(KnownTypes.Name(serializer), types, generateMain);
    }
}
