using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Dynamo.Lambda.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Dynamo.Lambda.Generators;

/// <summary>
/// Reads a [LambdaFunction] method into a <see cref="FunctionModel"/> with Amazon.Lambda.Annotations' rules, with a
/// diagnostic for each thing it cannot bind (where the official generator refuses it too, or would fail at run time).
/// </summary>
internal static class FunctionReader
{
    private const string RestApi = KnownTypes.APIGateway + "RestApiAttribute";
    private const string RestApiAuthorizer = KnownTypes.APIGateway + "RestApiAuthorizerAttribute";
    private static readonly Regex RouteSegment = new(@"\{([^}+]+)\+?\}", RegexOptions.CultureInvariant);

    public static FunctionModel Read(IMethodSymbol method, AttributeData function, KnownTypes known)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var location = LocationInfo.From(method.Locations.FirstOrDefault());
        var type = method.ContainingType;
        var displayName = $"{type.Name}.{method.Name}";
        void Report(DiagnosticDescriptor descriptor, Location? at, params string[] arguments) =>
            diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(at) ?? location, arguments.ToEquatableArray()));

        CheckShape(method, message => Report(Diagnostics.BadMethod, null, displayName, message));

        var attributes = method.GetAttributes();
        var restApi = attributes.FirstOrDefault(a => KnownTypes.AttributeName(a) == RestApi);
        var authorizer = attributes.FirstOrDefault(a => KnownTypes.AttributeName(a) == RestApiAuthorizer);
        if (restApi is null && authorizer is null) Report(Diagnostics.NoEvent, null, displayName);
        if (restApi is not null && authorizer is not null) Report(Diagnostics.TwoEvents, null, displayName);
        var kind = authorizer is not null && restApi is null ? EventKind.Authorizer : EventKind.RestApi;

        var resourceName = Named<string>(function, "ResourceName") ?? method.Name;
        // The generated Main selects the function by its method's name in ANNOTATIONS_HANDLER.
        var handler = method.Name;
        var memory = Named<uint>(function, "MemorySize");
        var timeout = Named<uint>(function, "Timeout");
        var policies = (Named<string>(function, "Policies") ?? "")
            .Split(',').Select(policy => policy.Trim()).Where(policy => policy.Length > 0).ToEquatableArray();
        var environment = EnvironmentVariables(attributes);

        string? httpMethod = null, path = null, routeAuthorizer = null;
        if (restApi is not null && restApi.ConstructorArguments.Length == 2)
        {
            httpMethod = EnumMemberName(restApi.ConstructorArguments[0])?.ToLowerInvariant();
            path = restApi.ConstructorArguments[1].Value as string;
            routeAuthorizer = Named<string>(restApi, "Authorizer") is { Length: > 0 } name ? name : null;
        }
        // Amazon.Lambda.Annotations' defaults: a TOKEN authorizer on the Authorization header, no caching.
        AuthorizerModel? authorizerModel = authorizer is null ? null : new AuthorizerModel(
            resourceName,
            EnumMemberName(authorizer.NamedArguments.FirstOrDefault(a => a.Key == "Type").Value) ?? "Token",
            Named<string>(authorizer, "IdentityHeader") ?? "Authorization",
            Named<int>(authorizer, "ResultTtlInSeconds"));

        var jsonTypes = new List<JsonTypeUse>();
        var parameters = kind == EventKind.Authorizer
            ? AuthorizerParameters(method, displayName, known, Report)
            : RestApiParameters(method, displayName, path ?? "", known, Report, jsonTypes);
        var (awaiting, result, resultType) = Result(method, kind, displayName, known, Report, jsonTypes);
        var constructor = method.IsStatic ? ImmutableArray<string>.Empty : Constructor(type, Report);

        return new FunctionModel(
            KnownTypes.Name(type), type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            displayName, method.IsStatic, method.Name, resourceName, handler,
            memory == 0 ? null : (int)memory, timeout == 0 ? null : (int)timeout, policies, environment,
            kind, httpMethod, path, routeAuthorizer, authorizerModel,
            parameters.ToEquatableArray(), awaiting, result, resultType, constructor.ToEquatableArray(),
            jsonTypes.ToEquatableArray(), diagnostics.ToEquatableArray(), location);
    }

    public static EquatableArray<EnvironmentVariable> EnvironmentVariables(ImmutableArray<AttributeData> attributes) =>
        attributes
            .Where(a => KnownTypes.AttributeName(a) == KnownTypes.EnvironmentVariable && a.ConstructorArguments.Length == 2)
            .Select(a => new EnvironmentVariable(a.ConstructorArguments[0].Value as string ?? "", a.ConstructorArguments[1].Value as string ?? ""))
            .ToEquatableArray();

    private static void CheckShape(IMethodSymbol method, Action<string> report)
    {
        if (method.IsGenericMethod) report("it is generic; a handler has one fixed signature");
        if (method.ContainingType.IsGenericType) report("its class is generic");
        if (!method.IsStatic && method.ContainingType.IsAbstract) report("its class is abstract or static, so there is no instance to call it on");
        if (method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out)) report("a ref or out parameter cannot come from an event");
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                report($"'{symbol.Name}' is {symbol.DeclaredAccessibility.ToString().ToLowerInvariant()}; the generated handler needs it public or internal");
                break;
            }
        }
    }

    private delegate void Reporter(DiagnosticDescriptor descriptor, Location? at, params string[] arguments);

    private static List<ParameterModel> AuthorizerParameters(IMethodSymbol method, string displayName, KnownTypes known, Reporter report)
    {
        var parameters = new List<ParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            if (KnownTypes.Is(parameter.Type, known.CancellationToken))
            {
                report(Diagnostics.CancellationToken, parameter.Locations.FirstOrDefault(), parameter.Name, displayName);
                continue;
            }
            var source = ByType(parameter.Type, known, known.AuthorizerRequest);
            if (source is null && Has(parameter, KnownTypes.FromServices)) source = ParameterSource.Services;
            if (source is null)
            {
                report(Diagnostics.BadAuthorizerParameter, parameter.Locations.FirstOrDefault(), parameter.Name, displayName);
                continue;
            }
            parameters.Add(Simple(parameter, source.Value));
        }
        return parameters;
    }

    private static List<ParameterModel> RestApiParameters(
        IMethodSymbol method, string displayName, string path, KnownTypes known, Reporter report, List<JsonTypeUse> jsonTypes)
    {
        var segments = new HashSet<string>(RouteSegment.Matches(path).Cast<Match>().Select(m => m.Groups[1].Value), StringComparer.Ordinal);
        var parameters = new List<ParameterModel>();
        var bodies = 0;
        foreach (var parameter in method.Parameters)
        {
            var at = parameter.Locations.FirstOrDefault();
            if (KnownTypes.Is(parameter.Type, known.CancellationToken))
            {
                report(Diagnostics.CancellationToken, at, parameter.Name, displayName);
                continue;
            }
            var attribute = parameter.GetAttributes().FirstOrDefault(a => KnownTypes.AttributeName(a) is { } name
                && (name == KnownTypes.FromServices || name.StartsWith(KnownTypes.APIGateway + "From", StringComparison.Ordinal)));
            var sourceName = attribute?.AttributeClass?.Name;
            if (sourceName is null)
            {
                if (ByType(parameter.Type, known, known.ProxyRequest) is { } byType)
                    parameters.Add(Simple(parameter, byType));
                // Amazon.Lambda.Annotations binds a parameter named like a route segment to it, attribute or not.
                else if (segments.Contains(parameter.Name))
                    AddText(parameter, ParameterSource.Route, parameter.Name);
                else
                    report(Diagnostics.NoSource, at, parameter.Name, displayName);
                continue;
            }

            switch (sourceName)
            {
                case "FromServicesAttribute":
                    parameters.Add(Simple(parameter, ParameterSource.Services));
                    break;
                case "FromBodyAttribute":
                    if (++bodies == 2) report(Diagnostics.TwoBodies, at, displayName);
                    var isText = parameter.Type.SpecialType == SpecialType.System_String;
                    var bodyType = KnownTypes.Name(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
                    if (!isText) jsonTypes.Add(new JsonTypeUse(bodyType, LocationInfo.From(at)));
                    parameters.Add(new ParameterModel(parameter.Name, bodyType, ParameterSource.Body, "body", isText ? BodyKind.Text : BodyKind.Json));
                    break;
                default:
                    var source = sourceName switch
                    {
                        "FromRouteAttribute" => ParameterSource.Route,
                        "FromQueryAttribute" => ParameterSource.Query,
                        _ => ParameterSource.Header,
                    };
                    var key = Named<string>(attribute!, "Name") ?? parameter.Name;
                    if (source == ParameterSource.Route && !segments.Contains(key))
                        report(Diagnostics.NotInRoute, at, key, displayName, path);
                    AddText(parameter, source, key);
                    break;
            }
        }
        return parameters;

        void AddText(IParameterSymbol parameter, ParameterSource source, string key)
        {
            var type = parameter.Type;
            var valueType = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
            // Values convert with Convert.ChangeType: the type must be IConvertible.
            if (valueType.TypeKind == TypeKind.Enum || !valueType.AllInterfaces.Any(i => KnownTypes.Is(i, known.Convertible)))
            {
                report(Diagnostics.NotConvertible, parameter.Locations.FirstOrDefault(), parameter.Name, displayName, type.ToDisplayString(), SourceText(source));
                return;
            }
            parameters.Add(new ParameterModel(parameter.Name, KnownTypes.Name(type), source, key, BodyKind.Text));
        }
    }

    private static ParameterSource? ByType(ITypeSymbol type, KnownTypes known, INamedTypeSymbol? eventType)
    {
        if (KnownTypes.Is(type, known.LambdaContext)) return ParameterSource.Context;
        if (KnownTypes.Is(type, eventType)) return ParameterSource.Event;
        return null;
    }

    private static ParameterModel Simple(IParameterSymbol parameter, ParameterSource source) =>
        new(parameter.Name, KnownTypes.Name(parameter.Type), source, parameter.Name, BodyKind.Text);

    private static (Awaiting, ResultKind, string?) Result(
        IMethodSymbol method, EventKind kind, string displayName, KnownTypes known, Reporter report, List<JsonTypeUse> jsonTypes)
    {
        var returned = method.ReturnType;
        var awaiting = Awaiting.None;
        ITypeSymbol? result = returned;
        if (KnownTypes.Is(returned, known.Task) || KnownTypes.Is(returned, known.ValueTask))
        {
            awaiting = KnownTypes.Is(returned, known.Task) ? Awaiting.Task : Awaiting.ValueTask;
            result = null;
        }
        else if (KnownTypes.Is(returned, known.TaskOfT) || KnownTypes.Is(returned, known.ValueTaskOfT))
        {
            awaiting = KnownTypes.Is(returned, known.TaskOfT) ? Awaiting.Task : Awaiting.ValueTask;
            result = ((INamedTypeSymbol)returned).TypeArguments[0];
        }
        else if (returned.SpecialType == SpecialType.System_Void) result = null;

        var location = method.Locations.FirstOrDefault();
        if (kind == EventKind.Authorizer)
        {
            if (result is null || !KnownTypes.Is(result, known.AuthorizerResponse))
                report(Diagnostics.BadResult, location, displayName, returned.ToDisplayString(),
                    "an authorizer returns an APIGatewayCustomAuthorizerResponse, or a Task or ValueTask of one");
            return (awaiting, ResultKind.AuthorizerResponse, null);
        }

        if (result is null) return (awaiting, ResultKind.Void, null);
        if (KnownTypes.Is(result, known.HttpResult) || result.AllInterfaces.Any(i => KnownTypes.Is(i, known.HttpResult)))
            return (awaiting, ResultKind.HttpResult, null);
        if (KnownTypes.Is(result, known.ProxyResponse)) return (awaiting, ResultKind.ProxyResponse, null);
        if (result.SpecialType == SpecialType.System_String) return (awaiting, ResultKind.Text, null);
        if (result.SpecialType == SpecialType.System_Object || result.TypeKind is TypeKind.Interface or TypeKind.TypeParameter or TypeKind.Dynamic
            || KnownTypes.Is(result, known.Task) || KnownTypes.Is(result, known.ValueTask))
        {
            report(Diagnostics.BadResult, location, displayName, returned.ToDisplayString(),
                "a RestApi function returns IHttpResult, APIGatewayProxyResponse, string, a [JsonSerializable] type, or nothing, each optionally as a Task or ValueTask");
            return (awaiting, ResultKind.Void, null);
        }
        var name = KnownTypes.Name(result.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
        jsonTypes.Add(new JsonTypeUse(name, LocationInfo.From(location)));
        return (awaiting, ResultKind.Json, name);
    }

    /// <summary>The parameter types of the constructor the function class is built with.</summary>
    private static ImmutableArray<string> Constructor(INamedTypeSymbol type, Reporter report)
    {
        var constructors = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .ToList();
        if (constructors.Count == 0)
        {
            report(Diagnostics.BadConstructor, type.Locations.FirstOrDefault(), type.Name, "no public or internal constructor");
            return ImmutableArray<string>.Empty;
        }
        var most = constructors.Max(c => c.Parameters.Length);
        var widest = constructors.Where(c => c.Parameters.Length == most).ToList();
        if (widest.Count > 1)
        {
            report(Diagnostics.BadConstructor, type.Locations.FirstOrDefault(), type.Name, $"{widest.Count} constructors of {most} parameters");
            return ImmutableArray<string>.Empty;
        }
        return widest[0].Parameters.Select(p => KnownTypes.Name(p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated))).ToImmutableArray();
    }

    private static bool Has(IParameterSymbol parameter, string attributeName) =>
        parameter.GetAttributes().Any(a => KnownTypes.AttributeName(a) == attributeName);

    private static string SourceText(ParameterSource source) => source switch
    {
        ParameterSource.Route => "route",
        ParameterSource.Query => "query string",
        _ => "header",
    };

    private static string? EnumMemberName(TypedConstant constant) =>
        constant.Type?.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value))?.Name;

    private static T? Named<T>(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is T value ? value : default;
}
