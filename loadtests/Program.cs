using System.CommandLine;
using LiveCommerce.LoadTests.Baseline;
using LiveCommerce.LoadTests.Bench;
using LiveCommerce.LoadTests.Cli;

// LiveCommerce load tests: named scenarios against running servers, the bare baseline hub, and the bench.
// Piped output (CI, the bench's child runs): wide tables instead of 80 wrapped columns.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
    {
        Ansi = Spectre.Console.AnsiSupport.No,
        ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
        Interactive = Spectre.Console.InteractionSupport.No,
    });
    Spectre.Console.AnsiConsole.Profile.Width = 160;
}
var root = new RootCommand("LiveCommerce load tests: simulate audiences, measure fan-out, joins and flash sales (docs/loadtests.md)");
foreach (var command in ScenarioCommands.Create()) root.Subcommands.Add(command);
root.Subcommands.Add(BareHubCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
// Ctrl+C: give runs time to close connections, stop child processes and write their reports
// (the default would end the process 2 s after the signal).
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
