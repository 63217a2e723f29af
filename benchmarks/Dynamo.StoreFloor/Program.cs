using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

// Usage:
//   Dynamo.StoreFloor csv FILE ROWS PREFIX                 writes ROWS orders as the CSV `dynamo send` reads
//   Dynamo.StoreFloor write DYNAMODB_URL ROWS PREFIX [IN_FLIGHT=16]
//                                                         writes the same rows (with the system attributes the
//                                                         function adds) to table orders, BatchWriteItem of 25,
//                                                         IN_FLIGHT calls at once; prints "floor MS ms"
// The floor is what the store itself can take: no CLI, no HTTP hop, no gateway, no function.
if (args.Length < 4 || args[0] is not ("csv" or "write"))
{
    Console.Error.WriteLine("usage: Dynamo.StoreFloor csv FILE ROWS PREFIX | write DYNAMODB_URL ROWS PREFIX [IN_FLIGHT]");
    return 2;
}
var rows = int.Parse(args[2], CultureInfo.InvariantCulture);
var prefix = args[3];

if (args[0] == "csv")
{
    using var csv = new StreamWriter(args[1], append: false, new UTF8Encoding(false));
    await csv.WriteLineAsync("orderId,customer,amount,currency,status,createdAt");
    for (var i = 0; i < rows; i++)
        await csv.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i},c-{i % 97},{i}.5,EUR,paid,2026-03-14T15:09:26Z"));
    return 0;
}

// 16 calls in flight: on 2 cores DynamoDB Local is CPU-bound well before that, so more only queue inside it.
var inFlight = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 16;
using var store = new AmazonDynamoDBClient(new BasicAWSCredentials("dummy", "dummy"),
    new AmazonDynamoDBConfig { ServiceURL = args[1], AuthenticationRegion = "us-east-1", MaxErrorRetry = 10 });
var floorMs = await OrdersFloor.WriteAsync(store, prefix, rows, inFlight);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"floor {floorMs:0} ms"));
return 0;
