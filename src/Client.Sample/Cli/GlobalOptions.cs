using System.CommandLine;

namespace LiveCommerce.Client.Cli;

/// <summary>Options every subcommand understands (recursive, so they may follow the subcommand name).</summary>
public static class GlobalOptions
{
    public static readonly Option<string> Url = new("--url")
    {
        Description = "Server base URL",
        DefaultValueFactory = _ => "http://localhost:5000",
        Recursive = true,
    };

    public static readonly Option<string> Protocol = new Option<string>("--protocol")
    {
        Description = "Hub protocol: json or messagepack",
        DefaultValueFactory = _ => "json",
        Recursive = true,
    }.AcceptOnlyFromAmong("json", "messagepack");

    public static readonly Option<string?> User = new("--user")
    {
        Description = "User id to get a dev token for (without --user and --token: a guest)",
        Recursive = true,
    };

    public static readonly Option<string?> Name = new("--name") { Description = "Display name for the dev token", Recursive = true };

    public static readonly Option<string?> Region = new("--region") { Description = "ISO 3166 alpha-2 region for the dev token, e.g. US", Recursive = true };

    public static readonly Option<string?> Token = new("--token") { Description = "Use this JWT instead of asking for a dev token", Recursive = true };

    public static readonly Option<string?> Role = new Option<string?>("--role")
    {
        Description = "Role for the dev token (default: viewer for viewer, host for host)",
        Recursive = true,
    }.AcceptOnlyFromAmong("viewer", "host", "moderator");

    public static readonly Option<int?> Seconds = new("--seconds") { Description = "Quit after this many seconds", Recursive = true };

    public static IEnumerable<Option> All => [Url, Protocol, User, Name, Region, Token, Role, Seconds];

    static GlobalOptions()
    {
        Url.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                result.AddError($"--url must be an absolute http(s) URL, not '{text}'");
        });
        Seconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0) result.AddError("--seconds must be positive");
        });
    }

    public static ClientSettings Read(ParseResult parse)
    {
        var url = parse.GetValue(Url)!;
        // A trailing slash makes relative paths (api/..., hubs/live) keep any base path the server sits under.
        var baseUrl = new Uri(url.EndsWith('/') ? url : url + "/");
        return new ClientSettings(
            baseUrl,
            parse.GetValue(Protocol) == "messagepack" ? WireProtocol.MessagePack : WireProtocol.Json,
            parse.GetValue(User),
            parse.GetValue(Name),
            parse.GetValue(Region),
            parse.GetValue(Token),
            parse.GetValue(Role),
            parse.GetValue(Seconds));
    }
}
