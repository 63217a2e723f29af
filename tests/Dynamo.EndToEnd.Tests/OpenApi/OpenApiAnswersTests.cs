using Dynamo.Local.Store;
using System.Text;

namespace Dynamo.EndToEnd.Tests.OpenApi;

/// <summary>The local stack's answers, one of each kind it gives a well-behaved or a careless client, held against docs/openapi.yaml.</summary>
[Collection(LocalStackTests.Name)]
public sealed class OpenApiAnswersTests(LocalStackFixture stack)
{
    private static string Order(string id, object amount) =>
        $$"""{"orderId":"{{id}}","customer":"ACME","amount":{{amount}},"status":"paid","createdAt":"2026-03-14T15:09:26Z"}""";

    public static TheoryData<string, string, string?, string?, int> Requests()
    {
        var id = "openapi-" + Guid.NewGuid().ToString("N")[..8];
        return new()
        {
            { "GET", "/health", null, null, 200 },
            { "GET", "/datasets", null, null, 200 },
            { "GET", "/openapi.json", null, null, 200 },
            { "POST", "/datasets/orders/rows", "application/json", $$"""{"rows":[{{Order(id + "-1", 12.5)}}]}""", 200 },
            { "POST", "/datasets/orders/rows?rows=all", "application/json", $$"""{"rows":[{{Order(id + "-2", 1)}},{{Order(id + "-2", 2)}}]}""", 200 },
            { "POST", "/datasets/orders/rows", "application/json", $$"""{"rows":[{{Order(id + "-3", 1)}},{{Order(id + "-4", "\"12,5\"")}}]}""", 207 },
            { "POST", "/datasets/readings/rows", "application/json", """{"rows":[{"deviceId":"d-1"}]}""", 207 },
            { "POST", "/datasets/orders/rows", "application/json", "{not json", 400 },
            { "POST", "/datasets/orders/rows", "application/json", """{"rows":[1]}""", 400 },
            { "POST", "/datasets/orders/rows", "application/json", """{"rows":[]}""", 400 },
            { "POST", "/datasets/orders/rows", "application/json", $$"""{"rows":[{{string.Join(',', Enumerable.Repeat(Order(id + "-5", 1), 5001))}}]}""", 413 },
            { "POST", "/datasets/orders/rows", "text/csv", "orderId\nA-1\n", 415 },
        };
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Each_answer_is_one_the_document_lists_with_a_body_of_its_schema(string method, string pathAndQuery, string? contentType, string? body, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery.TrimStart('/'));
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);

        using var response = await stack.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        OpenApiContract.AssertMatches(method, pathAndQuery.Split('?')[0], status, response.Headers, text);
    }

    [Fact]
    public async Task The_API_serves_the_committed_document_as_JSON()
    {
        using var response = await stack.Http.GetAsync("openapi.json");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        // docs/openapi.yaml and the served JSON are one document (`dynamo openapi --check` keeps both up to date).
        var served = await response.Content.ReadAsStringAsync();
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "src/Dynamo.Functions/OpenApi/openapi.json")), served);
        Assert.Contains("\"/datasets/orders/rows\"", served, StringComparison.Ordinal);
    }
}
