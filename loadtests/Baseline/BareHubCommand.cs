using System.CommandLine;
using Microsoft.Extensions.Hosting;

namespace LiveCommerce.LoadTests.Baseline;

/// <summary><c>baseline-hub --urls http://127.0.0.1:5290 --frame-ms 0|100</c>: runs the bare hub until stopped.</summary>
public static class BareHubCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5290" };
        var frameMs = new Option<int>("--frame-ms") { Description = "0: one message per event; N: one frame every N ms", DefaultValueFactory = _ => 0 };
        var command = new Command("baseline-hub", "Run the bare SignalR hub (the benchmark baseline)") { urls, frameMs };
        command.SetAction(async (parse, ct) =>
        {
            var app = BareHubApp.Build(["--urls", parse.GetValue(urls)!], parse.GetValue(frameMs));
            await app.StartAsync(ct);
            Console.WriteLine($"bare hub listening on {parse.GetValue(urls)} (frame-ms {parse.GetValue(frameMs)})");
            // Ends on Ctrl+C or SIGTERM (the host's own console lifetime) or when the command is cancelled.
            await app.WaitForShutdownAsync(ct);
            await app.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }
}
