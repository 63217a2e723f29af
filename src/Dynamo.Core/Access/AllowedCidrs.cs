using System.Globalization;
using System.Net;

namespace Dynamo.Core.Access;

/// <summary>
/// The caller networks the API admits: the template's <c>AllowedCidrs</c> parameter, comma-separated
/// IPv4 and IPv6 CIDRs (a bare address is one host). An IPv4-mapped IPv6 caller (<c>::ffff:a.b.c.d</c>)
/// matches its IPv4 CIDR.
/// </summary>
public sealed class AllowedCidrs
{
    private AllowedCidrs(IReadOnlyList<IPNetwork> networks) => Networks = networks;

    public IReadOnlyList<IPNetwork> Networks { get; }

    /// <summary>Parses the whole list, or explains the first entry that is wrong; a list with no entry is wrong.</summary>
    public static bool TryParse(string? text, out AllowedCidrs cidrs, out string error)
    {
        cidrs = new AllowedCidrs([]);
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the list of allowed CIDRs is empty";
            return false;
        }

        var networks = new List<IPNetwork>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParseNetwork(entry, out var network))
            {
                error = $"'{entry}' is not a CIDR (expected e.g. 203.0.113.0/24 or 2001:db8::/32, with no bits set after the prefix)";
                return false;
            }
            networks.Add(network);
        }
        if (networks.Count == 0)
        {
            error = "the list of allowed CIDRs is empty";
            return false;
        }
        cidrs = new AllowedCidrs(networks);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ipv4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : null;
        foreach (var network in Networks)
        {
            // IPNetwork.Contains is false across address families, so a mapped caller is also tried as IPv4.
            if (network.Contains(address) || (ipv4 is not null && network.Contains(ipv4)))
                return true;
        }
        return false;
    }

    private static bool TryParseNetwork(string entry, out IPNetwork network)
    {
        network = default;
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? entry.AsSpan() : entry.AsSpan(0, slash).TrimEnd();
        if (!IpAddressText.TryParse(addressText, out var address)) return false;

        var maxPrefix = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0)
        {
            var prefixText = entry.AsSpan(slash + 1).TrimStart();
            if (!int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix)
                return false;
        }
        // Bits set after the prefix (10.0.0.1/8) make the intent ambiguous: refused.
        if (!HostBitsAreZero(address.GetAddressBytes(), prefix)) return false;
        network = new IPNetwork(address, prefix);
        return true;
    }

    private static bool HostBitsAreZero(byte[] bytes, int prefix)
    {
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) return false;
        }
        return true;
    }
}
