namespace LiveCommerce.Client.Output;

/// <summary>
/// The one place that writes to the console. Frames arrive on SignalR's threads while commands run on
/// others, so every write is a whole block under one lock: lines never interleave mid-way.
/// </summary>
public static class Out
{
    private static readonly Lock Gate = new();

    public static void Line(string text)
    {
        lock (Gate) Console.Out.WriteLine(text);
    }

    public static void Block(IEnumerable<string> lines)
    {
        lock (Gate)
        {
            foreach (var line in lines) Console.Out.WriteLine(line);
        }
    }

    /// <summary>A notice from the client itself (connection state, usage), marked apart from server events.</summary>
    public static void Note(string text) => Line($"-- {text}");

    public static void Error(string code, string message) => Line($"error {code}: {message}");

    public static void Error(Exception e)
    {
        var (code, message) = Errors.Describe(e);
        Error(code, message);
    }
}
