namespace LiveCommerce.Grains.Persistence;

/// <summary>
/// Keeps a reminder registered while a grain has follow-ups pending, so that a silo dying with some
/// brings the grain back (elsewhere) to send them; the grain's own timer retries while it is active.
/// Registers and unregisters only on a change, not on every write.
/// </summary>
public sealed class FollowUpReminder(Grain grain)
{
    public const string Name = "follow-ups";
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private bool? _registered;

    public async Task KeepAsync(bool pending)
    {
        if (_registered == pending) return;
        var was = _registered;
        _registered = pending;
        try
        {
            if (pending) await grain.RegisterOrUpdateReminder(Name, Period, Period);
            else if (await grain.GetReminder(Name) is { } reminder) await grain.UnregisterReminder(reminder);
        }
        catch (Exception)
        {
            // The reminder service is unavailable: try again on the next write or tick.
            _registered = was;
        }
    }
}
