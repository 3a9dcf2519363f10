using System.Net;
using System.Net.Sockets;

namespace LiveCommerce.Cluster.Tests.Infrastructure;

/// <summary>
/// Loopback ports chosen at run time, below the ephemeral range (so an outgoing connection cannot have
/// taken one by the time a process binds it) and never handed out twice in one test run.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Given = [];
    private static readonly Random Random = new();

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Next(20_000, 32_000);
                if (Given.Contains(port) || !IsFree(port)) continue;
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException("no free loopback port found in 20000..32000");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
