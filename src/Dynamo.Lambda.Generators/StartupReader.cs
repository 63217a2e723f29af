using System.Collections.Generic;
using System.Linq;
using Dynamo.Lambda.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Dynamo.Lambda.Generators;

/// <summary>Reads the [LambdaStartup] class: its ConfigureServices, its [LambdaSerializer] contexts and its environment.</summary>
internal static class StartupReader
{
    private const string LambdaSerializer = KnownTypes.Annotations + "LambdaSerializerAttribute";
    private const string JsonSerializable = "System.Text.Json.Serialization.JsonSerializableAttribute";

    public static StartupModel Read(INamedTypeSymbol type, KnownTypes known)
    {
        var location = LocationInfo.From(type.Locations.FirstOrDefault());
        var diagnostics = new List<DiagnosticInfo>();
        void Report(string problem) =>
            diagnostics.Add(new DiagnosticInfo(Diagnostics.BadStartup.Id, location, new[] { type.Name, problem }.ToEquatableArray()));

        var configure = type.GetMembers("ConfigureServices").OfType<IMethodSymbol>().FirstOrDefault(m =>
            m.Parameters.Length == 1 && KnownTypes.Is(m.Parameters[0].Type, known.ServiceCollection)
            && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);
        if (configure is null) Report("it needs a method 'public void ConfigureServices(IServiceCollection services)' (static or not)");
        if (configure is { IsStatic: false } && (type.IsAbstract || type.IsGenericType || !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)))
            Report("it must be a non-generic, non-abstract class with a parameterless constructor");

        var contexts = type.GetAttributes()
            .Where(a => KnownTypes.AttributeName(a) == LambdaSerializer && a.ConstructorArguments.Length == 1)
            .Select(a => a.ConstructorArguments[0].Value)
            .OfType<INamedTypeSymbol>()
            .Select(context => new SerializerContextModel(
                KnownTypes.Name(context),
                context.GetAttributes()
                    .Where(a => KnownTypes.AttributeName(a) == JsonSerializable && a.ConstructorArguments.Length == 1)
                    .Select(a => a.ConstructorArguments[0].Value)
                    .OfType<ITypeSymbol>()
                    .Select(KnownTypes.Name)
                    .ToEquatableArray()))
            .ToEquatableArray();

        return new StartupModel(KnownTypes.Name(type), configure?.IsStatic ?? false, contexts, FunctionReader.EnvironmentVariables(type.GetAttributes()),
            diagnostics.ToEquatableArray(), location);
    }
}
