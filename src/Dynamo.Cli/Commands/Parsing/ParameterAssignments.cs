using System.Text.RegularExpressions;

namespace Dynamo.Cli.Commands.Parsing;

/// <summary>
/// <c>--parameter Name=Value</c>, given any number of times: template parameter overrides. The value may be
/// empty (<c>MaxWriteRequestUnits=</c>) or hold '='; a later assignment of a name replaces an earlier one.
/// </summary>
internal static partial class ParameterAssignments
{
    public static bool TryParse(IEnumerable<string> assignments, out IReadOnlyDictionary<string, string> parameters, out string error)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        parameters = result;
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? "" : assignment[..equals];
            // CloudFormation parameter names are alphanumeric.
            if (!Name().IsMatch(name))
            {
                error = $"--parameter takes Name=Value (Name alphanumeric), got '{assignment}'.";
                return false;
            }
            result[name] = assignment[(equals + 1)..];
        }
        error = "";
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9]+$")]
    private static partial Regex Name();
}
