namespace Dynamo.Client.Tests;

public class PackageTests
{
    [Fact]
    public void The_client_and_its_contracts_never_reference_the_AWS_SDK()
    {
        var client = typeof(IngestClient).Assembly;
        var contracts = typeof(Dynamo.Contracts.IngestResponse).Assembly;

        var references = client.GetReferencedAssemblies().Concat(contracts.GetReferencedAssemblies()).Select(a => a.Name!).ToList();

        Assert.Contains("Dynamo.Contracts", references);
        Assert.DoesNotContain(references, name => name.StartsWith("AWSSDK", StringComparison.OrdinalIgnoreCase));
    }
}
