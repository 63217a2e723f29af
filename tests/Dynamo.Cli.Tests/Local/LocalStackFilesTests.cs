using Dynamo.Cli.Commands;
using Dynamo.Cli.Local;
using Dynamo.Local;

namespace Dynamo.Cli.Tests.Local;

public sealed class LocalStackFilesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dynamo-stack-files-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_stack_on_another_port_has_its_own_discovery_file_and_data_folder()
    {
        Assert.Equal(Path.Combine(root, ".dynamo", "local.json"), LocalStackFiles.DiscoveryFile(root, 3000));
        Assert.Equal(Path.Combine(root, ".dynamo", "data"), LocalStackFiles.DataFolder(root, 3000));
        Assert.Equal(Path.Combine(root, ".dynamo", "local-3001.json"), LocalStackFiles.DiscoveryFile(root, 3001));
        Assert.Equal(Path.Combine(root, ".dynamo", "data-3001"), LocalStackFiles.DataFolder(root, 3001));
    }

    [Fact]
    public void The_verbs_find_the_default_stack_first_then_the_only_other_and_none_when_none_runs()
    {
        Assert.Null(LocalStackFiles.FindRunning(root));

        Stack(3001).Write(LocalStackFiles.DiscoveryFile(root, 3001));
        Assert.Equal(Stack(3001), LocalStackFiles.FindRunning(root));

        Stack(3000).Write(LocalStackFiles.DiscoveryFile(root, 3000));
        Assert.Equal(Stack(3000), LocalStackFiles.FindRunning(root));
    }

    [Fact]
    public void The_stacks_API_keys_are_read_back_and_the_default_one_is_the_default_clients_or_the_only_one()
    {
        LocalApiKey Key(string logicalId) => new(logicalId, logicalId.ToLowerInvariant(), "id" + logicalId.Length, "value-of-" + logicalId + "-0123456789", logicalId + "Plan", true);
        var stack = Stack(3000) with { ApiKeys = [Key("PartnerApiKey"), Key("DefaultApiKey")] };
        stack.Write(LocalStackFiles.DiscoveryFile(root, 3000));

        var found = LocalStackFiles.FindRunning(root)!;

        Assert.Equal(stack, found);
        Assert.Equal("DefaultApiKey", found.DefaultApiKey!.LogicalId);
        Assert.Equal("PartnerApiKey", (Stack(3000) with { ApiKeys = [Key("PartnerApiKey")] }).DefaultApiKey!.LogicalId);
        Assert.Null(Stack(3000).DefaultApiKey);
    }

    [Fact]
    public void Two_stacks_on_other_ports_and_none_on_the_default_are_not_guessed_between()
    {
        Stack(3001).Write(LocalStackFiles.DiscoveryFile(root, 3001));
        Stack(3002).Write(LocalStackFiles.DiscoveryFile(root, 3002));

        var refusal = Assert.Throws<UsageException>(() => LocalStackFiles.FindRunning(root));

        Assert.Contains("http://127.0.0.1:3001/dev, http://127.0.0.1:3002/dev", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--url", refusal.Message, StringComparison.Ordinal);
    }

    private static LocalEndpoints Stack(int port) =>
        new(new Uri($"http://127.0.0.1:{port}/dev"), new Uri($"http://127.0.0.1:{port + 1000}"), new Uri($"http://127.0.0.1:{port + 2000}"));
}
