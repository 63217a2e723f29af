using System.Security.Cryptography;
using System.Text;
using Dynamo.Local.Template;

namespace Dynamo.Local;

/// <summary>
/// An API key of the running local stack, as `dynamo local` prints it and <c>.dynamo/local.json</c> holds it: the
/// template's logical id and name, the id the access log names (API Gateway's key id, which <c>!Ref</c> gives), the
/// value a client sends as <c>x-api-key</c>, and the usage plan it is in (none: every request with it is 403).
/// </summary>
public sealed record LocalApiKey(string LogicalId, string Name, string Id, string Value, string? UsagePlan, bool Enabled)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    // API Gateway generates 40-character values; its key ids are 10 lowercase letters and digits.
    private const int GeneratedValueLength = 40;

    /// <summary>The key as the stack creates it: the template's value when it fixes one, else a fresh random one, as API Gateway generates.</summary>
    public static LocalApiKey Create(ApiKeyDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new LocalApiKey(
            definition.LogicalId,
            definition.Name,
            IdOf(definition.LogicalId),
            definition.Value ?? RandomNumberGenerator.GetString(Alphabet, GeneratedValueLength),
            definition.UsagePlans.Count > 0 ? definition.UsagePlans[0] : null,
            definition.Enabled);
    }

    // Stable across restarts, so that access logs of two runs name a client alike.
    private static string IdOf(string logicalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("dynamo-local-api-key:" + logicalId));
        var id = new StringBuilder(10);
        foreach (var b in hash.AsSpan(0, 10))
            id.Append(Alphabet[26 + b % 36]);
        return id.ToString();
    }
}
