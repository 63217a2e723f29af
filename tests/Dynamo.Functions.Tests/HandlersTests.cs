using Dynamo.Lambda.Generated;
using Dynamo.Lambda.Runtime;

namespace Dynamo.Functions.Tests;

public sealed class HandlersTests
{
    [Fact]
    public void An_unknown_handler_name_fails_start_up_naming_the_known_ones()
    {
        var error = Assert.Throws<NoSuchHandlerException>(() => LambdaFunctions.Create(new FunctionEnvironment { RuntimeApi = "127.0.0.1:1", Handler = "ingest-v2" }));

        Assert.Contains("'ingest-v2'", error.Message);
        foreach (var function in LambdaFunctions.Catalog.Functions)
            Assert.Contains(function.Handler, error.Message);
    }
}
