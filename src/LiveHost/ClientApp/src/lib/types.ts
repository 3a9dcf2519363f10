// The wire shapes of PROTOCOL.md v1.1, as the pages read them. Times arrive as ISO strings (JSON) or
// Dates (MessagePack timestamps): read them with `ms()` from format.ts. v1.1 fields are optional so that
// the pages work against a v1 server.
export type When = string | Date | number;

export interface Room {
  roomId: string; title: string; hostId: string; status: 'scheduled' | 'live' | 'ended';
  sellRegions: string[]; language?: string; createdAt: When;
  streamUrl?: string | null; coverImageUrl?: string | null; scheduledAt?: When | null; buyKeyword?: string | null;
}
export interface RoomListing {
  roomId: string; title: string; hostId: string; viewers: number; status: string;
  coverImageUrl?: string | null; scheduledAt?: When | null; hostName?: string | null;
}
export interface Product {
  productId: string; name: string; price: number; currency: string; stock: number; imageUrl?: string | null;
  kind?: 'goods' | 'voucher'; validDays?: number; redeemAt?: string; commissionRate?: number;
}
export interface ViewerCounts { current: number; peak: number; totalViews: number }
export interface FlashSale {
  saleId: string; productId: string; price: number; quantity: number; remaining: number; perUserLimit: number;
  endsAt: When; startsAt?: When | null; status: 'upcoming' | 'active' | 'ended';
}
export interface Comment { commentId: string; userId: string; name: string; text: string; badge?: 'host' | 'moderator' | null; seq?: number | null }
export interface Auction {
  auctionId: string; productId: string; currency: string; startingBid: number; currentBid?: number | null;
  leaderId?: string | null; leaderName?: string | null; bids: number; minNextBid: number; endsAt: When;
  counterBidSeconds: number; suddenDeath: boolean; status: 'active' | 'ended'; winnerId?: string | null; orderId?: string | null;
}
export interface Giveaway {
  giveawayId: string; prize: string; productId?: string | null; winners: number; endsAt: When; keyword?: string | null;
  minWatchSeconds?: number | null; seedHash: string; entrants: number; status: 'active' | 'ended';
  seed?: string | null; winnerIds?: string[] | null;
}
export interface CouponDrop {
  couponId: string; discountType: 'percent' | 'amount'; discountValue: number; minSpend: number; quota: number;
  remaining: number; perUserLimit: number; claimEndsAt: When; productIds: string[]; status: 'active' | 'ended';
}
export interface ClaimedCoupon {
  couponId: string; roomId: string; discountType: 'percent' | 'amount'; discountValue: number; minSpend: number;
  productIds: string[]; expiresAt: When; usedByOrderId?: string | null;
}
export interface RoomSnapshot {
  room: Room; seq: number; epoch?: string; viewers: ViewerCounts; likes: number; pinned?: Product | null;
  products: Product[]; flashSales: FlashSale[]; recentComments: Comment[];
  auctions?: Auction[]; giveaways?: Giveaway[]; coupons?: CouponDrop[];
}
export interface RoomEvent { seq?: number | null; type: string; at: When; data: any }
export interface RoomFrame { roomId: string; events: RoomEvent[]; epoch?: string }
export interface PersonalEvent { type: string; at: When; data: any; seq?: null; roomId?: string }
export interface ResumeResult { events: RoomEvent[]; snapshot?: RoomSnapshot | null }
export interface CartLine { roomId: string; productId: string; name: string; unitPrice: number; quantity: number }
export interface Cart { userId: string; lines: CartLine[]; total: number; subtotal?: number; discount?: number; couponId?: string | null }
export interface Voucher { code: string; productId: string; status: 'issued' | 'redeemed' | 'refunded'; validUntil: When }
export interface Order {
  orderId: string; userId: string; roomId: string; lines: CartLine[]; total: number; currency: string;
  status: 'pendingPayment' | 'paid' | 'expired' | 'cancelled'; createdAt: When; holdExpiresAt: When;
  subtotal?: number; discount?: number; couponId?: string | null; vouchers?: Voucher[] | null;
}
export interface PurchaseResult { status: string; orderId?: string | null; remaining: number; holdExpiresAt?: When | null }
export interface BidResult { status: string; auction: Auction }
export interface RoomStats {
  viewersNow: number; peakViewers: number; totalViews: number; comments: number; likes: number; addToCarts: number;
  orders: number; unitsSold: number; gmv: number; conversionRate: number;
}
export interface BuyingEntry { name: string; productId: string; quantity: number; at: When }
