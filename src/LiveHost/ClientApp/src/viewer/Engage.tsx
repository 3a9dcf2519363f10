// The room's live moments: auction, giveaway (with the draw verified in the browser), coupon pop-up,
// and the "A***n is buying" ticker.
import { useState } from 'preact/hooks';
import type { RoomStore } from '../lib/roomStore';
import type { Auction, BidResult, ClaimedCoupon, CouponDrop, Giveaway } from '../lib/types';
import { currentLang, t } from '../lib/i18n';
import { money, ms } from '../lib/format';
import { http } from '../lib/api';
import { verifyDraw, type Verification } from '../lib/draw';
import { Countdown } from '../lib/ui';

const latest = <T extends { status: string }>(items: Iterable<T>) => {
  const all = [...items];
  return all.filter(x => x.status === 'active').pop() ?? all.pop() ?? null;
};

export function AuctionPanel({ store }: { store: RoomStore }) {
  const auction = latest(store.auctions.values());
  const [max, setMax] = useState('');
  const [result, setResult] = useState<string | null>(null);
  if (!auction) return null;
  const product = store.products.get(auction.productId);
  const fmt = (amount: number | null | undefined) => money(amount, auction.currency, currentLang());
  const me = store.identity?.userId;
  const bid = async (amount: number, maxAmount?: number) => {
    const r = await store.act(() => store.call<BidResult>('PlaceBid', store.roomId, auction.auctionId, amount, maxAmount ?? null));
    if (!r) return;
    setResult(r.status);
    store.auctions.set(r.auction.auctionId, mergeAuction(store.auctions.get(r.auction.auctionId), r.auction));
    store.changed();
  };
  const active = auction.status === 'active';
  return (
    <section class="card auction" data-testid="auction" data-auction={auction.auctionId} data-status={auction.status} data-ends={ms(auction.endsAt)}>
      <div class="row between">
        <b>▲ {t('auction.title')}</b>
        {active && <Countdown testId="auction-clock" to={auction.endsAt} label="auction.endsIn" />}
      </div>
      <div class="name">{product?.name ?? auction.productId} {auction.suddenDeath && <span class="badge">{t('auction.suddenDeath')}</span>}</div>
      <div class="row between">
        <span>{t(auction.currentBid != null ? 'auction.current' : 'auction.start')}</span>
        <b class="price" data-testid="auction-bid">{fmt(auction.currentBid ?? auction.startingBid)}</b>
      </div>
      <div class="row between small muted">
        <span data-testid="auction-leader">{auction.leaderName ? t('auction.leader', { name: auction.leaderName }) : ''}</span>
        <span>{t('auction.bids', { count: auction.bids })}</span>
      </div>
      {active && me && auction.leaderId === me && <div class="good small" data-testid="auction-leading">{t('auction.leading')}</div>}
      {active && store.identity && (
        <div class="row">
          <button class="buy" data-testid="quick-bid" onClick={() => bid(auction.minNextBid)}>{t('auction.quickBid', { amount: fmt(auction.minNextBid) })}</button>
          <input class="narrow" type="number" inputMode="decimal" min={auction.minNextBid} step="any" placeholder={t('auction.maxBid')}
            data-testid="max-bid" value={max} onInput={e => setMax((e.target as HTMLInputElement).value)} />
          <button class="small" data-testid="place-max" disabled={!(Number(max) >= auction.minNextBid)}
            onClick={() => bid(auction.minNextBid, Number(max))}>{t('auction.placeMax')}</button>
        </div>
      )}
      {result && active && result !== 'leading' && <div class="error small" data-testid="bid-result">{t(`auction.${result}`, { amount: fmt(auction.currentBid) })}</div>}
      {!active && (
        <div data-testid="auction-result">
          {auction.winnerId ? t('auction.soldTo', { name: auction.leaderName ?? auction.winnerId, amount: fmt(auction.currentBid) }) : t('auction.noBids')}
        </div>
      )}
    </section>
  );
}

const mergeAuction = (old: Auction | undefined, fresh: Auction): Auction =>
  old && old.bids > fresh.bids ? old : fresh;

export function GiveawayPanel({ store }: { store: RoomStore }) {
  const giveaway = latest(store.giveaways.values());
  const [status, setStatus] = useState<string | null>(null);
  if (!giveaway) return null;
  const enter = async () => {
    const r = await store.act(() => store.call<{ status: string; missing?: string }>('EnterGiveaway', store.roomId, giveaway.giveawayId));
    if (r) setStatus(r.missing ? `giveaway.missing.${r.missing}` : `giveaway.${r.status}`);
  };
  const active = giveaway.status === 'active';
  const winners = store.giveawayWinners.get(giveaway.giveawayId) ?? giveaway.winnerIds?.map(id => ({ userId: id, name: id })) ?? [];
  return (
    <section class="card giveaway" data-testid="giveaway" data-giveaway={giveaway.giveawayId} data-status={giveaway.status}>
      <div class="row between">
        <b>★ {t('giveaway.title')}</b>
        {active && <Countdown to={giveaway.endsAt} label="giveaway.endsIn" />}
      </div>
      <div class="name">{giveaway.prize}</div>
      <div class="row between small muted">
        <span data-testid="giveaway-entrants">{t('giveaway.entrants', { count: giveaway.entrants })}</span>
        <span>{giveaway.keyword ? t('giveaway.keyword', { keyword: giveaway.keyword }) : giveaway.minWatchSeconds ? t('giveaway.watch', { seconds: giveaway.minWatchSeconds }) : ''}</span>
      </div>
      {active && store.identity && <button class="buy" data-testid="enter-giveaway" onClick={enter}>{t('giveaway.enter')}</button>}
      {status && active && <div class="small" data-testid="giveaway-status">{t(status)}</div>}
      {!active && (
        <>
          <div class="small"><b>{t('giveaway.winners')}:</b> <span data-testid="giveaway-winners">{winners.length ? winners.map(w => w.name).join(', ') : t('giveaway.noWinners')}</span></div>
          {giveaway.seed && <VerifyDraw store={store} giveaway={giveaway} announced={winners.map(w => w.userId)} />}
        </>
      )}
    </section>
  );
}

function VerifyDraw({ store, giveaway, announced }: { store: RoomStore; giveaway: Giveaway; announced: string[] }) {
  const [result, setResult] = useState<(Verification & { entrants: string[] }) | null>(null);
  const verify = async () => {
    const entrants = await store.act(() => http<string[]>('GET', `/api/rooms/${encodeURIComponent(store.roomId)}/giveaways/${encodeURIComponent(giveaway.giveawayId)}/entrants`));
    if (!entrants) return;
    const v = await verifyDraw(giveaway.seed!, giveaway.seedHash, entrants, giveaway.winners, announced);
    setResult({ ...v, entrants });
  };
  return (
    <div class="verify">
      <button class="ghost small" data-testid="verify-draw" onClick={verify}>{t('giveaway.verify')}</button>
      {result && (
        <div class={result.ok ? 'good small' : 'error small'} data-testid="verify-result" data-ok={String(result.ok)}>
          {result.ok ? t('giveaway.verified') : result.why === 'insecure' ? t('giveaway.insecure') : t('giveaway.mismatch', { why: result.why })}
          <div class="muted mono">{t('giveaway.seedHash')}: {giveaway.seedHash}<br />seed: {giveaway.seed}<br />{result.entrants.length} → {result.computed.join(', ')}</div>
        </div>
      )}
    </div>
  );
}

export function CouponPopup({ store }: { store: RoomStore }) {
  const [closed, setClosed] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const drop = [...store.coupons.values()].filter(c => c.status === 'active' && ms(c.claimEndsAt) > Date.now()).pop();
  if (!drop || closed === drop.couponId) return null;
  const claim = async () => {
    const r = await store.act(() => store.call<{ status: string; coupon?: ClaimedCoupon }>('ClaimCoupon', store.roomId, drop.couponId));
    if (r) setStatus(`coupon.${r.status}`);
  };
  return (
    <div class="popup" role="dialog" data-testid="coupon" data-coupon={drop.couponId}>
      <button class="close ghost small" aria-label={t('coupon.close')} onClick={() => setClosed(drop.couponId)}>×</button>
      <b>% {t('coupon.title')}</b>
      <div class="big">{describe(drop)}</div>
      {drop.minSpend > 0 && <div class="small">{t('coupon.minSpend', { amount: money(drop.minSpend, 'USD', currentLang()) })}</div>}
      <div class="row between small"><span>{t('coupon.left', { count: drop.remaining })}</span><Countdown to={drop.claimEndsAt} label="coupon.endsIn" /></div>
      {status
        ? <div class="good" data-testid="coupon-status" data-status={status}>{t(status)}</div>
        : store.identity && <button class="buy" data-testid="claim-coupon" onClick={claim}>{t('coupon.claim')}</button>}
    </div>
  );
}

const describe = (c: CouponDrop) =>
  c.discountType === 'percent' ? t('coupon.percent', { value: c.discountValue }) : t('coupon.amount', { value: money(c.discountValue, 'USD', currentLang()) });

export function BuyingTicker({ store }: { store: RoomStore }) {
  const b = store.buying;
  if (!b || b.recent.length === 0) return null;
  const newest = b.recent[0];
  const product = store.products.get(newest.productId)?.name ?? newest.productId;
  return (
    <div class="ticker" data-testid="buying">
      <span>{t('buying.one', { name: newest.name, product })}</span>
      {b.lastMinute > 1 && <span class="muted"> · {t('buying.lastMinute', { count: b.lastMinute })}</span>}
    </div>
  );
}
