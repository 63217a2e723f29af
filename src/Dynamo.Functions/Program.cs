using Dynamo.Functions;
using Dynamo.Lambda.Runtime;

return await LambdaBootstrap.RunAsync(Handlers.Create);
