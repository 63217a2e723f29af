using Amazon.Lambda.Annotations;
using Amazon.Lambda.Core;
using Dynamo.Functions;

// One Native AOT executable (bootstrap) serves every function: the generated Main runs the one ANNOTATIONS_HANDLER
// names. One serializer reads the events and writes the results and JSON bodies (camelCase, FunctionsJsonSerializer).
[assembly: LambdaGlobalProperties(GenerateMain = true, Runtime = "provided.al2023")]
[assembly: LambdaSerializer(typeof(FunctionsJsonSerializer))]
