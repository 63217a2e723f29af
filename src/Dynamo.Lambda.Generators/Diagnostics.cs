using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dynamo.Lambda.Generators;

/// <summary>Every signature the generator cannot bind is a compile-time error that says what to change.</summary>
internal static class Diagnostics
{
    private const string Category = "Dynamo.Lambda.Annotations";

    public static readonly DiagnosticDescriptor NoEvent = Error("DYN001", "A Lambda function needs an event",
        "'{0}' has [LambdaFunction] but no event: add [RestApi(method, template)] or [RestApiAuthorizer]");

    public static readonly DiagnosticDescriptor TwoEvents = Error("DYN002", "A Lambda function has one event",
        "'{0}' has both [RestApi] and [RestApiAuthorizer]: an authorizer is not a route; split it into two functions");

    public static readonly DiagnosticDescriptor NoSource = Error("DYN003", "A parameter needs a source",
        "Parameter '{0}' of '{1}' has no source: mark it [FromRoute], [FromQuery], [FromHeader], [FromBody] or [FromServices] (ILambdaContext and the event bind by their type, a route segment by its name)");

    public static readonly DiagnosticDescriptor NotConvertible = Error("DYN004", "A text value cannot become this type",
        "Parameter '{0}' of '{1}' is a {2}, which the {3} cannot be converted to: Amazon.Lambda.Annotations converts with Convert.ChangeType, so use string, a number, bool, DateTime, or a nullable of one");

    public static readonly DiagnosticDescriptor NotInRoute = Error("DYN005", "A route parameter must be in the template",
        "[FromRoute] '{0}' of '{1}' is not a {{segment}} of the route template '{2}'");

    public static readonly DiagnosticDescriptor NoJsonContext = Error("DYN006", "A JSON type needs a source-generated context",
        "'{0}' of '{1}' is not [JsonSerializable] in the context of the assembly's [assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<Context>))]: list it there, so it is serialized without reflection");

    public static readonly DiagnosticDescriptor DuplicateHandler = Error("DYN007", "Handler names are unique",
        "'{1}' is selected by ANNOTATIONS_HANDLER '{0}', as '{2}' is: the generated Main selects a function by its method's name, so give one of them another name");

    public static readonly DiagnosticDescriptor TwoBodies = Error("DYN008", "A request has one body",
        "'{0}' has more than one [FromBody] parameter; a request has one body");

    public static readonly DiagnosticDescriptor BadMethod = Error("DYN009", "This method cannot be a Lambda function",
        "'{0}' cannot be a Lambda function: {1}");

    public static readonly DiagnosticDescriptor BadResult = Error("DYN010", "Unsupported return type",
        "'{0}' returns {1}; {2}");

    public static readonly DiagnosticDescriptor BadAuthorizerParameter = Error("DYN011", "Unsupported authorizer parameter",
        "Parameter '{0}' of authorizer '{1}' is not supported: an authorizer takes an APIGatewayCustomAuthorizerRequest, ILambdaContext and [FromServices] parameters");

    public static readonly DiagnosticDescriptor BadStartup = Error("DYN012", "Unsupported startup class",
        "[LambdaStartup] class '{0}': {1}");

    public static readonly DiagnosticDescriptor TwoAuthorizers = Error("DYN013", "Authorizer names are unique",
        "'{0}' is a second [RestApiAuthorizer] named '{1}': give one of them another ResourceName");

    public static readonly DiagnosticDescriptor BadConstructor = Error("DYN014", "The function class needs one constructor to build it with",
        "'{0}' has {1}: give it one accessible constructor whose parameters are services, or register it in the [LambdaStartup] class");

    public static readonly DiagnosticDescriptor CancellationToken = Error("DYN015", "No CancellationToken parameter",
        "Parameter '{0}' of '{1}' is a CancellationToken, which Amazon.Lambda.Annotations refuses (AWSLambda0107): take the ILambdaContext and stop by its RemainingTime");

    public static readonly DiagnosticDescriptor UnknownAuthorizer = Error("DYN016", "A route's authorizer must exist",
        "'{0}' names authorizer '{1}', which no [RestApiAuthorizer] function is (its ResourceName, or its method's name)");

    public static readonly DiagnosticDescriptor NoSerializer = Error("DYN017", "The assembly needs a serializer",
        "'{0}' needs the assembly's serializer to read its event: add [assembly: LambdaSerializer(typeof(MySerializer))], a SourceGeneratorLambdaJsonSerializer<Context> with a parameterless constructor");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
    {
        NoEvent, TwoEvents, NoSource, NotConvertible, NotInRoute, NoJsonContext, DuplicateHandler, TwoBodies, BadMethod,
        BadResult, BadAuthorizerParameter, BadStartup, TwoAuthorizers, BadConstructor, CancellationToken, UnknownAuthorizer, NoSerializer,
    }.ToDictionary(descriptor => descriptor.Id);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
