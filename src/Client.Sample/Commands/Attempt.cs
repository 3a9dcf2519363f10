using LiveCommerce.Client.Output;

namespace LiveCommerce.Client.Commands;

/// <summary>Runs one setup step from the command line; a failure is printed and the session goes on.</summary>
public static class Attempt
{
    public static async Task RunAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Out.Error(e);
        }
    }
}
