using Dynamo.Cli.Commands;

namespace Dynamo.Cli.Tests.Commands;

/// <summary>`dynamo load`'s options: bad values and shapes are usage errors before any request is sent.</summary>
public class LoadCommandTests
{
    /// <summary>`dynamo load` with the required options, <paramref name="changes"/> (option, value, option, value, ...) replacing or adding.</summary>
    private static string[] Load(params string[] changes)
    {
        var options = new Dictionary<string, string>
        {
            ["--dataset"] = "orders", ["--rate"] = "5", ["--duration"] = "10s", ["--rows"] = "100", ["--url"] = "http://127.0.0.1:9/dev",
        };
        for (var i = 0; i < changes.Length; i += 2)
            options[changes[i]] = changes[i + 1];
        return ["load", .. options.SelectMany(option => new[] { option.Key, option.Value })];
    }

    [Theory]
    [InlineData(new[] { "--scenario", "ramp" }, "--scenario ramp needs --ramp-to R2.")]
    [InlineData(new[] { "--scenario", "steady", "--ramp-to", "10" }, "--ramp-to needs --scenario ramp, step or spike.")]
    [InlineData(new[] { "--rows", "5001" }, "--rows takes a whole number of rows, 1 to 5000.")]
    [InlineData(new[] { "--rate", "0" }, "--rate takes a number of requests per second above 0.")]
    [InlineData(new[] { "--duration", "500ms" }, "--duration must be 1s or longer.")]
    [InlineData(new[] { "--scenario", "updates", "--ramp-to", "10" }, "--ramp-to does not go with --scenario updates (its rate is steady): leave it out.")]
    [InlineData(new[] { "--scenario", "updates", "--hot-keys", "3" }, "--hot-keys does not go with --scenario updates: every key is in several requests already.")]
    public async Task A_bad_load_shape_is_a_one_line_usage_error(string[] extra, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), Load(extra), output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"dynamo: {message} See 'dynamo --help'.", error.ToString().Trim());
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task Only_the_updates_scenario_has_a_default_dataset()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(),
            ["load", "--rate", "5", "--duration", "10s", "--rows", "100", "--url", "http://127.0.0.1:9/dev"], output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("dynamo: --dataset NAME is required (only --scenario updates has a default, inventory). See 'dynamo --help'.", error.ToString().Trim());
    }

    [Fact]
    public async Task Updates_on_a_dataset_without_a_version_field_is_a_one_line_usage_error_before_any_request()
    {
        await using var api = await Dynamo.Testing.InstantApi.StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(),
            Load("--url", api.Url.ToString(), "--endpoint", "http://127.0.0.1:9", "--scenario", "updates", "--rate", "2", "--duration", "1s", "--rows", "1"), output, error);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("dynamo: --scenario updates needs a dataset with a version field (like 'inventory'); 'orders' has none", error.ToString().Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.ToString().Trim(), StringComparison.Ordinal);
        Assert.Equal(0, api.Posts);
    }

    [Fact]
    public async Task An_api_that_does_not_answer_is_one_line_and_exit_1()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(), Load("--endpoint", "http://127.0.0.1:9"), output, error);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("dynamo: nothing answers at http://127.0.0.1:9/dev", error.ToString().Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.ToString().Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_the_read_back_is_named_not_the_api()
    {
        // The API answered every request; DynamoDB, asked for the read-back, did not: the message must say which.
        await using var api = await Dynamo.Testing.InstantApi.StartAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(),
            Load("--url", api.Url.ToString(), "--endpoint", "http://127.0.0.1:9", "--rate", "2", "--duration", "1s", "--rows", "1"), output, error);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("could not be read back from table orders", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Is DynamoDB answering at http://127.0.0.1:9?", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("nothing answers", error.ToString(), StringComparison.Ordinal);
    }
}
