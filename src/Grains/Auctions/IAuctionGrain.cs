using LiveCommerce.Contracts.Auctions;
using LiveCommerce.Contracts.Identity;

namespace LiveCommerce.Grains.Auctions;

/// <summary>One auction, keyed <c>{roomId}.a{n}</c>: its bid book, its clock and its end.</summary>
[Alias("IAuctionGrain")]
public interface IAuctionGrain : IGrainWithStringKey
{
    [Alias("Start")] Task<Auction> Start(Caller caller, StartAuctionRequest request);
    [Alias("Bid")] Task<BidResult> Bid(Caller caller, decimal amount, decimal? maxAmount);
    [Alias("Cancel")] Task Cancel(Caller caller);
    /// <summary>From the room, which ended: the auction ends now (leader wins, else cancelled); idempotent.</summary>
    [Alias("EndWithRoom")] Task EndWithRoom();
    /// <summary>The auction with its public price history (no maxima).</summary>
    [Alias("Get")] Task<AuctionDetails> Get();
    /// <summary>The clock's callback: ends the auction when its time is up.</summary>
    [Alias("WakeUp"), Orleans.Concurrency.OneWay] Task WakeUp();
}
