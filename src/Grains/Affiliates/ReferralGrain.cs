using LiveCommerce.Contracts.Affiliates;
using LiveCommerce.Contracts.Errors;
using LiveCommerce.Contracts.Identity;
using LiveCommerce.Grains.Persistence;
using LiveCommerce.Grains.Rooms;

namespace LiveCommerce.Grains.Affiliates;

[GenerateSerializer, Alias("ReferralState")]
public sealed class ReferralState
{
    [Id(0)] public string? ReferrerId { get; set; }
    [Id(1)] public DateTime At { get; set; }
}

/// <summary>
/// Who shared a room with one viewer. The first referral stands (a later link does not take it over);
/// it marks the viewer's orders in that room for <see cref="Window"/> after it was made.
/// </summary>
public sealed class ReferralGrain(
    [PersistentState("referral", StorageNames.Live)] IPersistentState<ReferralState> state,
    TimeProvider time) : Grain, IReferralGrain
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private string UserId => this.GetPrimaryKeyString().Split('/', 2)[1];

    public async Task Refer(Caller caller, string? referrerId)
    {
        if (caller.IsGuest) throw LiveCommerceException.Unauthorized("sign in to follow a shared link");
        if (caller.UserId != UserId) throw LiveCommerceException.Forbidden("a referral is recorded for the caller only");
        var referrer = Validate.Id(referrerId, "referrerId");
        if (referrer == UserId || state.State.ReferrerId is not null) return;
        state.State.ReferrerId = referrer;
        state.State.At = time.GetUtcNow().UtcDateTime;
        await state.WriteStateAsync();
    }

    public Task<string?> ActiveReferrer() =>
        Task.FromResult(state.State.ReferrerId is { } referrer && time.GetUtcNow().UtcDateTime < state.State.At + Window ? referrer : null);
}
