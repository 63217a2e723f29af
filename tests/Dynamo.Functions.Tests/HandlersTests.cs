using Dynamo.Lambda.Generated;
using Dynamo.Lambda.Runtime;

namespace Dynamo.Functions.Tests;

public sealed class HandlersTests
{
    [Fact]
    public void An_unknown_ANNOTATIONS_HANDLER_fails_start_up_naming_the_known_ones()
    {
        var error = Assert.Throws<NoSuchHandlerException>(() => LambdaFunctions.Create(new FunctionEnvironment { RuntimeApi = "127.0.0.1:1", Handler = "PostRowsV2" }));

        Assert.Contains("'PostRowsV2'", error.Message);
        foreach (var function in LambdaFunctions.Catalog.Functions)
            Assert.Contains(function.Handler, error.Message);
    }

    [Fact]
    public void Each_function_is_selected_by_its_method_name_as_Amazon_Lambda_Annotations_selects_it()
    {
        Assert.Equal(
            ["Authorize", "CheckHealth", "GetOpenApi", "ListDatasets", "PostRows"],
            LambdaFunctions.Catalog.Functions.Select(function => function.Handler).Order(StringComparer.Ordinal));
    }
}
