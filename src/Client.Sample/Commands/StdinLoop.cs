using LiveCommerce.Client.Output;

namespace LiveCommerce.Client.Commands;

/// <summary>
/// Feeds stdin lines to the commands until the session stops. When stdin ends (closed, /dev/null, the
/// end of a piped script) the session keeps printing events until Ctrl+C, <c>q</c> or --seconds.
/// </summary>
public static class StdinLoop
{
    public static async Task RunAsync(CommandSet commands, CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                // Console reads block and ignore cancellation, so one runs on the pool and is raced against stopping.
                var line = await Task.Run(() => Console.In.ReadLine(), CancellationToken.None).WaitAsync(stopping);
                if (line is null)
                {
                    if (!Console.IsInputRedirected) Out.Note("stdin closed; printing events until Ctrl+C");
                    await Task.Delay(Timeout.Infinite, stopping);
                }
                else
                {
                    await commands.ExecuteAsync(line, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
