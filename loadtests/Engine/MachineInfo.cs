using System.Runtime.InteropServices;

namespace LiveCommerce.LoadTests.Engine;

/// <summary>One line that says what the figures were measured on.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        var memGb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores visible to the generator ({cpu}), {memGb:0.#} GB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
