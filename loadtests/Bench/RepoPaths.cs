using System.Reflection;

namespace LiveCommerce.LoadTests.Bench;

/// <summary>Where the bench finds the repository, the LiveHost project and this tool's own assembly.</summary>
public static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "LiveCommerce.sln")))
                    return dir.FullName;
        throw new InvalidOperationException("cannot find LiveCommerce.sln above the current directory; run the bench from the repository");
    }

    public static string LiveHostProject(string root) => Path.Combine(root, "src", "LiveHost", "LiveHost.csproj");

    public static string LiveHostDll(string root) => Path.Combine(root, "src", "LiveHost", "bin", "Release", "net10.0", "LiveCommerce.LiveHost.dll");

    public static string SelfDll() => Assembly.GetEntryAssembly()!.Location;
}
