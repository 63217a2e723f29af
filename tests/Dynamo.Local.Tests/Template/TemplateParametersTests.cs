using Dynamo.Local.Template;

namespace Dynamo.Local.Tests.Template;

public class TemplateParametersTests
{
    private const string Declarations = """
        Stage: { Type: String, Default: dev, AllowedValues: [dev, staging, prod] }
        Cidrs: { Type: CommaDelimitedList, Default: "127.0.0.1/32, ::1/128" }
        Timeout: { Type: Number, Default: 29000, MinValue: 50, MaxValue: 29000 }
        Cap: { Type: String, Default: "", AllowedPattern: "[0-9]*" }
        Required: { Type: String }
        """;

    [Fact]
    public void Defaults_apply_where_nothing_is_overridden()
    {
        var values = Resolve(new() { ["Required"] = "x" });

        Assert.Equal("dev", values["Stage"]);
        Assert.Equal("29000", values["Timeout"]);
        Assert.Equal("", values["Cap"]);
        Assert.Equal(["127.0.0.1/32", "::1/128"], (IReadOnlyList<string>)values["Cidrs"]);
    }

    [Fact]
    public void An_override_replaces_the_default()
    {
        var values = Resolve(new() { ["Required"] = "x", ["Stage"] = "prod", ["Cidrs"] = "10.0.0.0/8", ["Timeout"] = "1000" });

        Assert.Equal("prod", values["Stage"]);
        Assert.Equal(["10.0.0.0/8"], (IReadOnlyList<string>)values["Cidrs"]);
        Assert.Equal("1000", values["Timeout"]);
    }

    [Fact]
    public void An_unknown_parameter_is_an_error_that_lists_the_declared_ones()
    {
        var error = Assert.Throws<TemplateException>(() => Resolve(new() { ["Required"] = "x", ["Stag"] = "prod" }));

        Assert.Equal("Unknown parameter 'Stag': template.yaml declares Stage, Cidrs, Timeout, Cap, Required.", error.Message);
    }

    [Theory]
    [InlineData("Stage", "qa", "must be one of dev, staging, prod")]
    [InlineData("Timeout", "fast", "must be a number")]
    [InlineData("Timeout", "10", "must be at least 50")]
    [InlineData("Timeout", "30000", "must be at most 29000")]
    [InlineData("Cap", "ten", "does not match its pattern")]
    public void A_value_outside_the_declaration_is_an_error(string name, string value, string expected)
    {
        var error = Assert.Throws<TemplateException>(() => Resolve(new() { ["Required"] = "x", [name] = value }));

        Assert.Contains($"Parameter '{name}' {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_without_default_or_override_asks_for_one()
    {
        var error = Assert.Throws<TemplateException>(() => Resolve([]));

        Assert.Contains("--parameter Required=VALUE", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyDictionary<string, object> Resolve(Dictionary<string, string> overrides) =>
        TemplateParameters.Resolve(CloudFormationYaml.Parse(Declarations), overrides).Values;
}
