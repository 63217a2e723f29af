using System.Text.Json;
using Dynamo.Local.Template;

namespace Dynamo.Local.Tests.Template;

public class SamGlobalsTests
{
    [Fact]
    public void Resource_scalars_win_mappings_merge_and_lists_append()
    {
        var globals = CloudFormationYaml.Parse("""
            Timeout: 10
            Environment: { Variables: { STAGE: dev, SHARED: global } }
            Layers: [a]
            """);
        var resource = CloudFormationYaml.Parse("""
            Timeout: 30
            Environment: { Variables: { SHARED: local, OWN: x } }
            Layers: [b]
            """);

        var merged = SamGlobals.Merge(globals, resource);

        Assert.Equal(
            """{"Timeout":"30","Environment":{"Variables":{"STAGE":"dev","SHARED":"local","OWN":"x"}},"Layers":["a","b"]}""",
            JsonSerializer.Serialize(merged));
    }

    [Fact]
    public void An_intrinsic_function_is_a_scalar_that_the_resource_replaces()
    {
        var globals = CloudFormationYaml.Parse("Environment: !If [IsProd, { Variables: { A: 1 } }, !Ref AWS::NoValue]");
        var resource = CloudFormationYaml.Parse("Environment: { Variables: { B: 2 } }");

        Assert.Equal("""{"Environment":{"Variables":{"B":"2"}}}""", JsonSerializer.Serialize(SamGlobals.Merge(globals, resource)));
    }
}
