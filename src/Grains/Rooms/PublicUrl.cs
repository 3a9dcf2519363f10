using System.Net;
using System.Net.Sockets;

namespace LiveCommerce.Grains.Rooms;

/// <summary>
/// The policy for URLs that clients will fetch (product images, covers, streams): absolute http(s), no
/// credentials, and not aimed at this side of the network — no localhost, loopback, link-local (cloud
/// metadata at 169.254.169.254), private, multicast or unspecified IP literals. Names are not resolved:
/// whoever fetches must still refuse a name that resolves inward.
/// </summary>
public static class PublicUrl
{
    public const int MaxLength = 2048;

    public static bool IsAcceptable(string value)
    {
        if (value.Length > MaxLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo)) return false;
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Length == 0 || host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return false;
        return uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || IsPublic(IPAddress.Parse(uri.Host.Trim('[', ']')));
    }

    private static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }
}
