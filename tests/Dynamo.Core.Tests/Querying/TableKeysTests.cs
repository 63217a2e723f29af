using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Datasets;
using Dynamo.Core.Querying;
using Moq;

namespace Dynamo.Core.Tests.Querying;

public class TableKeysTests
{
    private static readonly DatasetCatalog Catalog = DatasetCatalog.Load("dynamo-prod-");

    [Fact]
    public async Task A_datasets_table_takes_its_keys_from_the_declaration_without_a_call()
    {
        var dynamo = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);

        var keys = await TableKeys.ResolveAsync(dynamo.Object, Catalog, "dynamo-prod-readings", null, CancellationToken.None);

        Assert.Equal(new TableKeys("deviceId", "ts"), keys);
    }

    [Fact]
    public async Task Another_table_or_an_index_takes_its_keys_from_describe_table()
    {
        var dynamo = new Mock<IAmazonDynamoDB>();
        dynamo.Setup(d => d.DescribeTableAsync("orders", It.IsAny<CancellationToken>())).ReturnsAsync(new DescribeTableResponse
        {
            Table = new TableDescription
            {
                KeySchema = [new KeySchemaElement("orderId", KeyType.HASH)],
                GlobalSecondaryIndexes =
                [
                    new GlobalSecondaryIndexDescription
                    {
                        IndexName = "byCustomer",
                        KeySchema = [new KeySchemaElement("customer", KeyType.HASH), new KeySchemaElement("createdAt", KeyType.RANGE)],
                    },
                ],
            },
        });

        Assert.Equal(new TableKeys("customer", "createdAt"), await TableKeys.ResolveAsync(dynamo.Object, Catalog, "orders", "byCustomer", CancellationToken.None));
        Assert.Null(await TableKeys.ResolveAsync(dynamo.Object, Catalog, "orders", "noSuchIndex", CancellationToken.None));
    }

    [Fact]
    public async Task A_table_that_describe_table_may_not_read_has_unknown_keys()
    {
        var dynamo = new Mock<IAmazonDynamoDB>();
        dynamo.Setup(d => d.DescribeTableAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmazonDynamoDBException("not allowed") { ErrorCode = "AccessDeniedException" });

        Assert.Null(await TableKeys.ResolveAsync(dynamo.Object, Catalog, "elsewhere", null, CancellationToken.None));
    }
}
