using Dynamo.Lambda.Generated;
using Dynamo.Lambda.Runtime;

return await LambdaBootstrap.RunAsync(LambdaFunctions.Create);
