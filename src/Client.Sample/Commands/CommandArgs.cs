using LiveCommerce.Client.Cli;

namespace LiveCommerce.Client.Commands;

/// <summary>One typed line split into its verb and arguments; a missing argument reports the verb's usage.</summary>
public sealed class CommandArgs
{
    private readonly string[] _words;
    private readonly string _usage;

    public CommandArgs(string line, string usage)
    {
        _words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        _usage = usage;
        var trimmed = line.Trim();
        var space = trimmed.IndexOf(' ');
        Text = space < 0 ? "" : trimmed[(space + 1)..].Trim();
    }

    public string Verb => _words[0];

    /// <summary>The arguments after the verb.</summary>
    public int Count => _words.Length - 1;

    /// <summary>Everything after the verb, spaces kept (for comment text).</summary>
    public string Text { get; }

    public string Word(int index) => index < Count ? _words[index + 1] : throw Usage();

    public string? OptionalWord(int index) => index < Count ? _words[index + 1] : null;

    public int Int(int index, string field) => Numbers.Int(Word(index), field);

    public int Int(int index, string field, int fallback) => index < Count ? Int(index, field) : fallback;

    public IReadOnlyList<string> From(int index) => _words.Length > index + 1 ? _words[(index + 1)..] : [];

    public string RequiredText() => Text.Length > 0 ? Text : throw Usage();

    public FormatException Usage() => new(_usage);
}
