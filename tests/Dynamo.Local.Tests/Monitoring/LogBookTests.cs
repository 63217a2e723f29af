using Dynamo.Local.Gateway;
using Dynamo.Local.Monitoring;

namespace Dynamo.Local.Tests.Monitoring;

public class LogBookTests
{
    private static ObservedRequest Request(string id, int status, string? invocation = null) =>
        new(new AccessLogEntry(id, "127.0.0.1", "POST", "/dev/datasets/orders/rows", status, 5) { IntegrationRequestId = invocation }, "dev", "IngestFunction");

    private static LogFilter Filter(string? requestId = null, string? status = null, string? function = null)
    {
        Assert.True(LogFilter.TryCreate(requestId, status, function, out var filter, out var problem), problem);
        return filter;
    }

    [Fact]
    public void A_functions_line_takes_the_request_id_and_status_of_the_request_its_invocation_answered()
    {
        var book = new LogBook(TimeProvider.System);
        // The function writes before the gateway logs the request.
        book.FunctionLine("IngestFunction", """{"level":"INFO","message":"ingest 207","requestId":"lambda-1"}""");
        book.Request(Request("api-1", 207, "lambda-1"));
        book.FunctionLine("IngestFunction", """{"level":"INFO","message":"ingest 200","requestId":"lambda-2"}""");
        book.Request(Request("api-2", 200, "lambda-2"));

        var story = book.Find(Filter(requestId: "api-1"), after: 0, limit: 100);

        Assert.Equal([LogBook.FunctionSource, LogBook.AccessSource], story.Select(e => e.Source));
        Assert.All(story, e => Assert.Equal(("api-1", 207), (e.RequestId, e.Status)));
        Assert.Equal(story, book.Find(Filter(requestId: "lambda-1"), 0, 100));
        Assert.Equal(2, book.Find(Filter(status: "2xx"), 0, 100).Count(e => e.Status == 200));
        Assert.Equal(2, book.Find(Filter(status: "207"), 0, 100).Count);
    }

    [Fact]
    public void The_function_filter_and_the_sequence_keep_only_the_lines_asked_for_the_newest_within_the_limit()
    {
        var book = new LogBook(TimeProvider.System);
        book.FunctionLine("HealthFunction", "plain text line");
        for (var i = 0; i < 5; i++) book.Request(Request($"api-{i}", 200));

        Assert.Equal("plain text line", Assert.Single(book.Find(Filter(function: "HealthFunction"), 0, 100)).Text);
        var newest = book.Find(Filter(), after: 0, limit: 2);
        Assert.Equal(["api-3", "api-4"], newest.Select(e => e.RequestId));
        Assert.Empty(book.Find(Filter(), after: newest[^1].Sequence, limit: 100));
    }

    [Theory]
    [InlineData("6xx")]
    [InlineData("99")]
    [InlineData("abc")]
    [InlineData("2x")]
    public void A_status_that_is_neither_a_code_nor_a_class_is_refused_with_a_reason(string status)
    {
        Assert.False(LogFilter.TryCreate(null, status, null, out _, out var problem));
        Assert.Contains(status, problem, StringComparison.Ordinal);
    }
}
