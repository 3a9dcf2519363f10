using System.Globalization;
using System.Text.RegularExpressions;
using LiveCommerce.Client.Cli;

namespace LiveCommerce.Client.Session;

/// <summary>
/// Remembers the last seq a viewer showed, per server, room and user, in a small file under the temp
/// folder, so that <c>viewer --resume</c> picks up where the previous run stopped.
/// </summary>
public static partial class SeqStore
{
    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex Unsafe();

    private static string PathFor(ClientSettings settings, string roomId)
    {
        var key = $"{settings.BaseUrl.Authority}_{roomId}_{settings.User ?? "guest"}";
        return Path.Combine(Path.GetTempPath(), "livecommerce-client", Unsafe().Replace(key, "_") + ".seq");
    }

    public static long? Load(ClientSettings settings, string roomId)
    {
        var path = PathFor(settings, roomId);
        return File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, out var seq) ? seq : null;
    }

    public static void Save(ClientSettings settings, string roomId, long seq)
    {
        if (seq <= 0) return;
        var path = PathFor(settings, roomId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, seq.ToString(CultureInfo.InvariantCulture));
    }
}
