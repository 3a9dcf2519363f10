using System.CommandLine;
using LiveCommerce.LoadTests.Engine;
using LiveCommerce.LoadTests.Reporting;
using Spectre.Console;

namespace LiveCommerce.LoadTests.Cli;

/// <summary>One command per named scenario: parse, check the guard rails, run, print the table.</summary>
public static class ScenarioCommands
{
    public static IEnumerable<Command> Create()
    {
        foreach (var scenario in ScenarioCatalog.All)
        {
            var options = new ScenarioOptions();
            var command = new Command(scenario.Name, scenario.Description);
            options.AddTo(command);
            command.SetAction(async (parse, ct) =>
            {
                ScenarioSettings settings;
                try
                {
                    settings = options.Read(parse, scenario.Name);
                    Guards.Check(scenario.Name, settings);
                }
                catch (ArgumentException e)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                    return 2;
                }
                // Ctrl+C cancels ct: the scenario stops, connections close, the report is still written.
                var report = await ScenarioRunner.RunAsync(scenario, settings, ct);
                ConsoleReport.Print(report, settings.OutDir);
                return report.Outcome.StartsWith("failed", StringComparison.Ordinal) ? 1 : 0;
            });
            yield return command;
        }
    }
}
