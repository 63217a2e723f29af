using System.Net;
using System.Net.Sockets;

namespace Dynamo.Core.Access;

/// <summary>
/// Strict IP address text: dotted-decimal IPv4 exactly as written (IPAddress.TryParse alone also takes
/// "10", "010.0.0.1" as octal, or hex, which would widen an allow-list by accident), or any IPv6 form.
/// </summary>
public static class IpAddressText
{
    public static bool TryParse(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.IsEmpty || !IPAddress.TryParse(text, out var parsed)) return false;
        if (text.Contains(':'))
        {
            if (parsed.AddressFamily != AddressFamily.InterNetworkV6) return false;
        }
        else if (parsed.AddressFamily != AddressFamily.InterNetwork || !text.SequenceEqual(parsed.ToString()))
        {
            return false;
        }
        address = parsed;
        return true;
    }
}
