using System.Net;
using Dynamo.Core.Access;
using Dynamo.Local.Template;

namespace Dynamo.Cli.Deploying;

/// <summary>
/// What a deployment would accept and its owner would regret: parameter values CloudFormation takes without a
/// word that leave the stage unusable or unwatched. What CloudFormation would refuse (an unknown parameter, a
/// value outside its constraints) is refused earlier, by <see cref="TemplateParameters"/>.
/// </summary>
internal static class DeploymentRegrets
{
    public static IReadOnlyList<string> Of(TemplateParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var regrets = new List<string>();
        if (Text(parameters, "AllowedCidrs") is { } cidrs && AllowedCidrs.TryParse(cidrs, out var allowed, out _)
            && allowed.Networks.All(network => IPAddress.IsLoopback(network.BaseAddress)))
        {
            regrets.Add($"AllowedCidrs is {cidrs}: loopback only, so the authorizer lets no caller in on AWS "
                + "(403 for everyone). Name your callers' ranges: --parameter AllowedCidrs=203.0.113.0/24,2001:db8::/56.");
        }
        if (Text(parameters, "AlarmEmail") is "")
        {
            regrets.Add("AlarmEmail is empty: the alarms notify a topic nobody is subscribed to. Pass "
                + "--parameter AlarmEmail=ops@example.com, or subscribe to the stack's AlarmTopicArn output.");
        }
        return regrets;
    }

    private static string? Text(TemplateParameters parameters, string name) =>
        parameters.Values.TryGetValue(name, out var value) ? value as string ?? string.Join(",", (IEnumerable<string>)value) : null;
}
