namespace Dynamo.Core.Access;

/// <summary>What the authorizer answers for one caller.</summary>
public enum AccessDecision
{
    /// <summary>The caller's address is inside an allowed CIDR.</summary>
    Allow,
    /// <summary>Not inside any allowed CIDR, or the configuration is missing or malformed (403).</summary>
    Deny,
    /// <summary>The event carries no usable source address: the caller cannot be identified (401).</summary>
    Unauthorized,
}

/// <summary>
/// Admits callers by the source address of their TCP connection (<c>requestContext.identity.sourceIp</c>),
/// never by a header such as X-Forwarded-For, which the caller writes. Fails closed: a missing or
/// malformed configuration denies everyone and says why in <see cref="ConfigurationError"/>.
/// </summary>
public sealed class SourceIpAccess
{
    private readonly AllowedCidrs? _allowed;

    private SourceIpAccess(AllowedCidrs? allowed, string? configurationError)
    {
        _allowed = allowed;
        ConfigurationError = configurationError;
    }

    /// <summary>Why everyone is denied, or null when the configuration is usable.</summary>
    public string? ConfigurationError { get; }

    public static SourceIpAccess FromConfiguration(string? allowedCidrs) =>
        AllowedCidrs.TryParse(allowedCidrs, out var cidrs, out var error)
            ? new SourceIpAccess(cidrs, null)
            : new SourceIpAccess(null, $"Every caller is denied: {error}.");

    public AccessDecision Decide(string? sourceIp)
    {
        if (!IpAddressText.TryParse(sourceIp.AsSpan().Trim(), out var address))
            return AccessDecision.Unauthorized;
        return _allowed is not null && _allowed.Contains(address) ? AccessDecision.Allow : AccessDecision.Deny;
    }
}
