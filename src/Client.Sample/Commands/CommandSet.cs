using LiveCommerce.Client.Output;

namespace LiveCommerce.Client.Commands;

/// <summary>
/// The verbs typed on stdin while a session runs. A failing verb prints <c>error code: message</c> and
/// the session carries on: a refusal from the server is part of the demo, not a reason to stop.
/// </summary>
public sealed class CommandSet
{
    private sealed record Verb(string Usage, string Help, Func<CommandArgs, Task> Run);

    private readonly Dictionary<string, Verb> _verbs = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Usage, string Help)> _help = [];

    public CommandSet() => Add("help", "help", "list the commands", _ => Task.Run(PrintHelp));

    public void Add(string name, string usage, string help, Func<CommandArgs, Task> run)
    {
        _verbs[name] = new Verb(usage, help, run);
        _help.Add((usage, help));
    }

    public void Alias(string alias, string name) => _verbs[alias] = _verbs[name];

    public async Task ExecuteAsync(string line, CancellationToken stopping)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        var name = line.TrimStart().Split(' ', 2)[0];
        if (!_verbs.TryGetValue(name, out var verb))
        {
            Out.Error("usage", $"unknown command '{name}'; type help");
            return;
        }
        try
        {
            await verb.Run(new CommandArgs(line, verb.Usage)).WaitAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Out.Error(e);
        }
    }

    public void PrintHelp()
    {
        var width = _help.Max(h => h.Usage.Length) + 2;
        Out.Block(["commands:", .. _help.Select(h => $"   {h.Usage.PadRight(width)}{h.Help}")]);
    }
}
