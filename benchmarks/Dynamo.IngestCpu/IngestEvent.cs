using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dynamo.Contracts;
using Dynamo.Testing;

namespace Dynamo.IngestCpu;

/// <summary>
/// The REST proxy event of POST /datasets/orders/rows carrying that many valid orders of about 150 bytes each, escaped
/// as API Gateway and the local stack write it (<see cref="MinimalJsonEscaping"/>: a <c>"</c> in the body is <c>\"</c>).
/// </summary>
internal static class IngestEvent
{
    // System.Text.Json's default encoder writes each " inside the body as the 6 bytes \u0022, which API Gateway
    // does not: that event was 1.6 times the size of the one Lambda is given (1.2 MB against 0.78 MB for 5,000
    // orders) and took about 40 M instructions more a request to decode (docs/performance.md).
    private static readonly JsonSerializerOptions Minimal = new() { Encoder = MinimalJsonEscaping.Instance };

    public static byte[] WithOrders(int count)
    {
        var rows = new JsonArray();
        for (var n = 0; n < count; n++)
        {
            rows.Add(new JsonObject
            {
                ["orderId"] = $"B-{n:D6}",
                ["customer"] = $"customer-{n % 97}",
                ["amount"] = n * 1.25m,
                ["currency"] = "EUR",
                ["status"] = "paid",
                ["createdAt"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(n).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            });
        }
        var node = EventFixtures.Node(EventFixtures.RestProxy);
        node["body"] = new JsonObject { ["rows"] = rows }.ToJsonString(Minimal);
        // The default answer (rows that are not stored only), as most clients ask.
        node["queryStringParameters"] = null;
        node["multiValueQueryStringParameters"] = null;
        return Encoding.UTF8.GetBytes(node.ToJsonString(Minimal));
    }
}
