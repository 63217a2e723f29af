using Dynamo.Local.Gateway;
using Dynamo.Local.Template;

namespace Dynamo.Local.Tests.Gateway;

public sealed class RouteMatchingTests
{
    private static readonly RouteTable Routes = new([
        new ApiRoute("POST", "/datasets/{dataset}/rows", "IngestFunction", true, TimeSpan.FromSeconds(29)),
        new ApiRoute("GET", "/datasets", "DatasetsFunction", true, TimeSpan.FromSeconds(29)),
    ]);

    [Theory]
    [InlineData("/datasets/orders/rows")]
    [InlineData("/datasets/orders/rows/")]
    public void The_route_matches_with_or_without_a_trailing_slash(string path) =>
        Assert.Equal("orders", Routes.Match("POST", path)!.PathParameters["dataset"]);

    [Theory]
    [InlineData("/datasets//orders/rows")]
    [InlineData("//datasets/orders/rows")]
    [InlineData("/datasets/orders//rows")]
    [InlineData("/datasets/orders/rows//")]
    [InlineData("/datasets/Orders/Rows")]
    [InlineData("/datasets/orders/rows/more")]
    public void An_empty_segment_a_different_case_or_an_extra_segment_is_no_route(string path) =>
        Assert.Null(Routes.Match("POST", path));

    [Fact]
    public void A_route_answers_only_its_method() => Assert.Null(Routes.Match("PUT", "/datasets/orders/rows"));
}
