using Dynamo.Lambda.Runtime;

namespace Dynamo.Functions.Tests;

public sealed class HandlersTests
{
    [Fact]
    public void An_unknown_handler_name_fails_start_up_naming_the_known_ones()
    {
        var error = Assert.Throws<NoSuchHandlerException>(() => Handlers.Create(new FunctionEnvironment { RuntimeApi = "127.0.0.1:1", Handler = "ingest-v2" }));

        Assert.Contains("'ingest-v2'", error.Message);
        Assert.Contains(Handlers.Authorizer, error.Message);
        Assert.Contains(Handlers.Health, error.Message);
    }
}
