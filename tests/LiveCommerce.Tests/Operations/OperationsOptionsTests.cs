using LiveCommerce.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LiveCommerce.Tests.Operations;

/// <summary>The operations settings are checked at start, with a sentence that says what to fix.</summary>
public sealed class OperationsOptionsTests
{
    [Fact]
    public async Task A_shutdown_timeout_shorter_than_the_drain_stops_the_start_with_a_readable_reason()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LiveServer.StartAsync(new Dictionary<string, string>
        {
            ["Operations:DrainSeconds"] = "30",
            ["Operations:ShutdownTimeoutSeconds"] = "20",
        }));
        Assert.Contains("Operations:ShutdownTimeoutSeconds (20) must be longer than Operations:DrainSeconds (30)", error.Message);
    }

    [Fact]
    public async Task An_empty_operator_id_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LiveServer.StartAsync(new Dictionary<string, string>
        {
            ["Operations:Operators:0"] = " ",
        }));
        Assert.Contains("Operations:Operators has an empty user id", error.Message);
    }
}
