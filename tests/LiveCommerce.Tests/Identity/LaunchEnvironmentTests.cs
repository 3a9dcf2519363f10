using System.Text.Json;
using LiveCommerce.LiveHost.Hosting;

namespace LiveCommerce.Tests.Identity;

/// <summary><c>dotnet run</c> defaults to Development, but an environment the caller names always wins.</summary>
public sealed class LaunchEnvironmentTests
{
    private static Func<string, string?> Vars(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_launch_profile_fallback_applies_only_when_no_environment_was_chosen()
    {
        var profile = (LaunchEnvironment.FallbackVariable, "Development");
        Assert.Equal("Development", LaunchEnvironment.Fallback(Vars(profile), []));
        Assert.Null(LaunchEnvironment.Fallback(Vars(profile, ("ASPNETCORE_ENVIRONMENT", "Production")), []));
        Assert.Null(LaunchEnvironment.Fallback(Vars(profile, ("DOTNET_ENVIRONMENT", "Staging")), []));
        Assert.Null(LaunchEnvironment.Fallback(Vars(profile), ["--environment", "Production"]));
        Assert.Null(LaunchEnvironment.Fallback(Vars(), []));
    }

    [Fact]
    public void LaunchSettings_does_not_set_the_environment_variables_that_would_override_the_callers()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveCommerce.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "src", "LiveHost", "Properties", "launchSettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateObject())
        {
            if (!profile.Value.TryGetProperty("environmentVariables", out var vars)) continue;
            Assert.False(vars.TryGetProperty("ASPNETCORE_ENVIRONMENT", out _), profile.Name);
            Assert.False(vars.TryGetProperty("DOTNET_ENVIRONMENT", out _), profile.Name);
        }
    }
}
