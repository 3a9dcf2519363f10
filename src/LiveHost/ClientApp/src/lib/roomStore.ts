// What a page knows about one room, kept in step with the server: the snapshot, then log events in seq
// order (a gap or a `head` ahead of us → Resume with the last seq; a new epoch → a fresh snapshot), state
// events as they come, and the signed-in user's personal events. Comments are kept by id, so none is
// ever shown twice, and only the newest MAX_COMMENTS are kept, so the DOM stays bounded.
import type {
  Auction, BuyingEntry, Cart, Comment, CouponDrop, FlashSale, Giveaway, Order, PersonalEvent, Product, Room,
  RoomEvent, RoomFrame, RoomSnapshot, ResumeResult, ViewerCounts,
} from './types';
import { LiveLink, type LinkState } from './hub';
import { ApiError, toApiError } from './api';
import { signOut, type Identity } from './auth';
import { money } from './format';
import { currentLang } from './i18n';

export const MAX_COMMENTS = 80;
const KEEP_ENDED = 5;

export interface Notice { id: number; kind: 'info' | 'error' | 'good'; text: string; key?: string; args?: Record<string, unknown> }

export class RoomStore {
  room: Room | null = null;
  seq = 0;
  epoch: string | undefined;
  viewers: ViewerCounts = { current: 0, peak: 0, totalViews: 0 };
  likes = 0;
  pinned: Product | null = null;
  products = new Map<string, Product>();
  flashSales = new Map<string, FlashSale>();
  comments: Comment[] = [];
  auctions = new Map<string, Auction>();
  giveaways = new Map<string, Giveaway>();
  coupons = new Map<string, CouponDrop>();
  giveawayWinners = new Map<string, { userId: string; name: string }[]>();
  buying: { recent: BuyingEntry[]; lastMinute: number } | null = null;
  mutedUntil = new Map<string, number>();
  slowModeSeconds = 0;
  cart: Cart | null = null;
  orders = new Map<string, Order>();
  notices: Notice[] = [];
  link: LiveLink;
  joined = false;
  /** Counts of what arrived, for tests and the studio's figures. */
  resumes = 0;
  snapshots = 0;

  private seen = new Set<string>();
  /** The highest seq of a log event that came while we could not apply it (joining, resuming). */
  private missedUpTo = 0;
  private resuming: Promise<void> | null = null;
  private pendingTaps = 0;
  private tapTimer: number | undefined;
  private listeners = new Set<() => void>();
  private scheduled = false;
  private noticeId = 0;
  readonly personalHandlers = new Map<string, (data: any) => void>();

  constructor(readonly roomId: string, readonly identity: Identity | null) {
    this.link = new LiveLink(identity?.token ?? null, first => this.onUp(first), () => this.changed());
    if (identity) this.link.onUnauthorized = () => signOut();
    this.link.on('RoomFrame', (frame: RoomFrame) => this.onFrame(frame));
    this.link.on('PersonalFrame', (frame: { events: PersonalEvent[] }) => frame.events.forEach(e => this.onPersonal(e)));
  }

  get linkState(): LinkState { return this.link.state; }

  start() { return this.link.start(); }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listeners run at most once per animation frame however many events arrive. */
  changed() {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      if (!this.scheduled) return;
      this.scheduled = false;
      this.listeners.forEach(l => l());
    };
    requestAnimationFrame(run);
    setTimeout(run, 100); // background tabs get no animation frames
  }

  notify(kind: Notice['kind'], key: string, args?: Record<string, unknown>) {
    const notice = { id: ++this.noticeId, kind, text: '', key, args };
    this.notices = [...this.notices.slice(-3), notice];
    setTimeout(() => { this.notices = this.notices.filter(n => n !== notice); this.changed(); }, 6000);
    this.changed();
  }

  call<T>(method: string, ...args: unknown[]): Promise<T> { return this.link.call<T>(method, ...args); }

  private async onUp(first: boolean) {
    if (first || !this.joined) await this.join();
    else await this.resume();
    if (this.identity) {
      try { this.cart = await this.call<Cart>('GetCart'); this.changed(); } catch { /* the cart shows up on the next change */ }
    }
  }

  async join() {
    const snapshot = await this.call<RoomSnapshot>('JoinRoom', this.roomId);
    this.applySnapshot(snapshot);
    this.joined = true;
    this.catchUp();
  }

  private catchUp() {
    if (this.missedUpTo > this.seq) void this.resume();
  }

  /** Asks for the log after our last seq; at most one at a time. */
  resume(): Promise<void> {
    if (this.resuming) return this.resuming;
    this.resuming = (async () => {
      let ok = false;
      try {
        this.resumes++;
        const result = await this.call<ResumeResult>('Resume', this.roomId, this.seq);
        if (result.snapshot) this.applySnapshot(result.snapshot);
        else for (const e of result.events) this.applyLog(e);
        ok = true;
      } catch (e) {
        if (toApiError(e).code === 'not_found') this.notify('error', 'err.not_found');
      } finally {
        this.resuming = null;
        this.changed();
      }
      if (ok) this.catchUp();
    })();
    return this.resuming;
  }

  private async freshSnapshot() {
    try { await this.join(); } catch { /* the next heartbeat tries again */ }
  }

  applySnapshot(s: RoomSnapshot) {
    this.snapshots++;
    if (s.epoch !== this.epoch) this.missedUpTo = 0;
    this.room = s.room;
    this.seq = s.seq;
    this.epoch = s.epoch;
    this.viewers = s.viewers;
    this.likes = s.likes;
    this.pinned = s.pinned ?? null;
    this.products = new Map(s.products.map(p => [p.productId, p]));
    this.flashSales = new Map(s.flashSales.map(f => [f.saleId, f]));
    this.auctions = new Map((s.auctions ?? []).map(a => [a.auctionId, a]));
    this.giveaways = new Map((s.giveaways ?? []).map(g => [g.giveawayId, g]));
    this.coupons = new Map((s.coupons ?? []).map(c => [c.couponId, c]));
    this.comments = [];
    this.seen.clear();
    for (const c of s.recentComments) this.addComment(c);
    this.changed();
  }

  onFrame(frame: RoomFrame) {
    if (frame.roomId !== this.roomId) return;
    if (!this.joined) {
      for (const e of frame.events) if (e.seq != null) this.missedUpTo = Math.max(this.missedUpTo, e.seq);
      return;
    }
    if (frame.epoch && this.epoch && frame.epoch !== this.epoch) {
      void this.freshSnapshot();
      return;
    }
    for (const e of frame.events) {
      if (e.seq == null) this.applyState(e);
      else if (e.seq > this.seq + 1 || this.resuming) {
        this.missedUpTo = Math.max(this.missedUpTo, e.seq);
        void this.resume();
      } else this.applyLog(e);
    }
    this.changed();
  }

  private applyLog(e: RoomEvent) {
    if (e.seq == null || e.seq <= this.seq) return;
    if (e.seq !== this.seq + 1) { void this.resume(); return; }
    this.seq = e.seq;
    const d = e.data;
    switch (e.type) {
      case 'comment': this.addComment({ ...d, seq: e.seq }); break;
      case 'commentDeleted': this.comments = this.comments.filter(c => c.commentId !== d.commentId); break;
      case 'pinned': this.pinned = d.product; this.products.set(d.product.productId, d.product); break;
      case 'unpinned': this.pinned = null; break;
      case 'flashSaleStarted':
        this.flashSales.set(d.saleId, { ...d, status: d.status ?? 'active' });
        break;
      case 'flashSaleOpened': this.patch(this.flashSales, d.saleId, { status: 'active' }); break;
      case 'flashSaleEnded': this.patch(this.flashSales, d.saleId, { status: 'ended' }); break;
      case 'roomStatus': if (this.room) this.room = { ...this.room, status: d.status }; break;
      case 'userMuted': this.mutedUntil.set(d.userId, Date.parse(String(d.until)) || 0); break;
      case 'slowMode': this.slowModeSeconds = d.seconds; break;
      case 'auctionStarted': this.auctions.set(d.auction.auctionId, d.auction); break;
      case 'bidPlaced': {
        const a = this.auctions.get(d.auctionId);
        if (a) this.auctions.set(d.auctionId, {
          ...a, currentBid: d.currentBid, leaderId: d.bidderId, leaderName: d.name, endsAt: d.endsAt, bids: d.bids,
          minNextBid: nextBid(d.currentBid),
        });
        break;
      }
      case 'auctionEnded':
        this.patch(this.auctions, d.auctionId, { status: 'ended', winnerId: d.winnerId, leaderName: d.name ?? undefined, currentBid: d.amount ?? undefined, orderId: d.orderId });
        break;
      case 'giveawayStarted': this.giveaways.set(d.giveaway.giveawayId, d.giveaway); break;
      case 'giveawayEnded':
        this.patch(this.giveaways, d.giveawayId, { status: 'ended', entrants: d.entrants, seed: d.seed, winnerIds: d.winners.map((w: any) => w.userId) });
        this.giveawayWinners.set(d.giveawayId, d.winners);
        break;
      case 'couponDropped': this.coupons.set(d.coupon.couponId, d.coupon); break;
      case 'couponEnded': this.patch(this.coupons, d.couponId, { status: 'ended' }); break;
    }
    trimEnded(this.auctions); trimEnded(this.giveaways); trimEnded(this.coupons); trimEnded(this.flashSales);
  }

  private applyState(e: RoomEvent) {
    const d = e.data;
    switch (e.type) {
      case 'likes': this.likes = Math.max(d.total, 0); break;
      case 'viewers': this.viewers = d; break;
      case 'stock': this.patch(this.flashSales, d.saleId, { remaining: d.remaining }); break;
      case 'buying': this.buying = d; break;
      case 'giveawayEntrants': this.patch(this.giveaways, d.giveawayId, { entrants: d.count }); break;
      case 'couponStock': this.patch(this.coupons, d.couponId, { remaining: d.remaining }); break;
      case 'head':
        if (d.epoch && this.epoch && d.epoch !== this.epoch) void this.freshSnapshot();
        else if (d.seq > this.seq) void this.resume();
        break;
    }
  }

  private onPersonal(e: PersonalEvent) {
    const d = e.data;
    switch (e.type) {
      case 'cartUpdated': this.cart = d.cart; break;
      case 'orderUpdated': this.orders.set(d.order.orderId, d.order); break;
      // A shadow-banned author still sees their own comments (in the room they wrote them in).
      case 'comment': if (!e.roomId || e.roomId === this.roomId) this.addComment(d); break;
      case 'outbid':
        this.patch(this.auctions, d.auctionId, { currentBid: d.currentBid, minNextBid: d.minNextBid });
        this.notify('error', 'auction.outbid', { amount: money(d.currentBid, this.auctions.get(d.auctionId)?.currency, currentLang()) });
        break;
      case 'auctionWon': this.orders.set(d.order.orderId, d.order); this.notify('good', 'auction.won'); break;
      case 'giveawayWon': if (d.order) this.orders.set(d.order.orderId, d.order); this.notify('good', 'giveaway.won', { prize: d.prize }); break;
      case 'commentToBuy': this.notify(d.result === 'reserved' || d.result === 'addedToCart' ? 'good' : 'error', `c2b.${d.result}`); break;
    }
    this.personalHandlers.get(e.type)?.(d);
    this.changed();
  }

  private addComment(c: Comment) {
    if (this.seen.has(c.commentId)) return;
    this.seen.add(c.commentId);
    this.comments.push(c);
    if (this.comments.length > MAX_COMMENTS) this.comments.splice(0, this.comments.length - MAX_COMMENTS);
    if (this.seen.size > 5000) this.seen = new Set(this.comments.map(x => x.commentId));
  }

  private patch<T>(map: Map<string, T>, key: string, change: Partial<T>) {
    const current = map.get(key);
    if (current) map.set(key, { ...current, ...change });
  }

  /** Taps count at once on the screen and reach the server in batches (Like takes 1..100 taps). */
  tapLike() {
    if (!this.identity) { this.notify('error', 'err.unauthorized'); return; }
    this.pendingTaps++;
    this.changed();
    if (this.tapTimer === undefined) this.tapTimer = window.setTimeout(() => this.flushLikes(), 500);
  }

  get shownLikes() { return this.likes + this.pendingTaps; }

  private async flushLikes() {
    this.tapTimer = undefined;
    const taps = Math.min(this.pendingTaps, 100);
    if (taps === 0) return;
    try {
      await this.call('Like', this.roomId, taps);
      this.likes += taps;
    } catch (e) {
      this.notify('error', `err.${toApiError(e).code}`);
    } finally {
      this.pendingTaps -= taps;
      if (this.pendingTaps > 0) this.tapTimer = window.setTimeout(() => this.flushLikes(), 500);
      this.changed();
    }
  }

  /** Runs a user action; a refusal becomes a notice in words. Returns undefined when it failed. */
  async act<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (e) {
      const error = e instanceof ApiError ? e : toApiError(e);
      this.notify('error', `err.${error.code}`, { detail: error.detail });
      if (error.code === 'unauthorized' && this.identity) signOut(); // the token is not accepted any more
      return undefined;
    }
  }
}

function trimEnded<T extends { status: string }>(map: Map<string, T>) {
  const ended = [...map.entries()].filter(([, v]) => v.status === 'ended');
  for (const [key] of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) map.delete(key);
}

/** PROTOCOL.md's minimum increment, by current bid in currency units. */
export function increment(bid: number): number {
  if (bid >= 2000) return 50;
  if (bid >= 1000) return 20;
  if (bid >= 300) return 10;
  if (bid >= 100) return 5;
  if (bid >= 50) return 3;
  if (bid >= 30) return 2;
  return 1;
}

export const nextBid = (current: number) => Math.round((current + increment(current)) * 100) / 100;
