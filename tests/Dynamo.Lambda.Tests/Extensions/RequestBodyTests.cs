using System.Text;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Lambda.Extensions;

namespace Dynamo.Lambda.Tests.Extensions;

public sealed class RequestBodyTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{\"rows\":[{\"note\":\"naïve 雪 😀\"}]}")]
    public void A_text_body_is_its_utf8_bytes(string text)
    {
        using var body = RequestBody.TryRead(new APIGatewayProxyRequest { Body = text });

        Assert.Equal(Encoding.UTF8.GetBytes(text), body!.Bytes.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1_000)]
    public void A_base64_body_is_decoded_whole_line_breaks_and_padding_included(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var text = Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks);

        using var body = RequestBody.TryRead(new APIGatewayProxyRequest { Body = text, IsBase64Encoded = true });

        Assert.Equal(bytes, body!.Bytes.ToArray());
    }

    [Fact]
    public void A_body_marked_base64_that_is_not_is_refused()
    {
        Assert.Null(RequestBody.TryRead(new APIGatewayProxyRequest { Body = "not base64!", IsBase64Encoded = true }));
    }

    [Fact]
    public void A_disposed_body_gives_its_bytes_back_and_shows_none()
    {
        var body = RequestBody.TryRead(new APIGatewayProxyRequest { Body = "{}" })!;

        body.Dispose();
        body.Dispose();

        Assert.True(body.Bytes.IsEmpty);
    }
}
