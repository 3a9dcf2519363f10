// The studio's selling controls: products (goods and vouchers), pins, flash sales with pre-heat,
// auctions, giveaways with the draw, and coupon drops.
import type { RoomStore } from '../lib/roomStore';
import type { Auction, CouponDrop, FlashSale, Giveaway, Product } from '../lib/types';
import { http } from '../lib/api';
import { currentLang, t } from '../lib/i18n';
import { money, ms } from '../lib/format';
import { Countdown } from '../lib/ui';
import { list, num, text, useForm } from './form';

const price = (p: number | null | undefined, currency = 'USD') => money(p, currency, currentLang());
const productOptions = (store: RoomStore): [string, string][] => [...store.products.values()].map(p => [p.productId, `${p.name} (${p.productId})`]);
const done = (store: RoomStore) => store.notify('good', 'studio.saved');

export function Products({ store }: { store: RoomStore }) {
  const form = useForm({ productId: '', name: '', price: '', currency: 'USD', stock: '100', imageUrl: '', kind: 'goods', validDays: '30', redeemAt: '', commissionRate: '' });
  const add = async (e: Event) => {
    e.preventDefault();
    const v = form.values;
    const voucher = v.kind === 'voucher';
    const product = await store.act(() => http<Product>('POST', `/api/rooms/${encodeURIComponent(store.roomId)}/products`, {
      productId: v.productId.trim(), name: v.name.trim(), price: Number(v.price), currency: v.currency.trim().toUpperCase(), stock: Number(v.stock),
      imageUrl: text(v.imageUrl), kind: voucher ? 'voucher' : undefined, validDays: voucher ? num(v.validDays) : undefined,
      redeemAt: voucher ? text(v.redeemAt) : undefined, commissionRate: num(v.commissionRate),
    }));
    if (!product) return;
    store.products.set(product.productId, product);
    form.reset();
    done(store);
  };
  const pinned = store.pinned?.productId;
  return (
    <section class="card" data-testid="products">
      <h2>{t('studio.products')}</h2>
      <ul class="plain">
        {[...store.products.values()].map(p => (
          <li key={p.productId} class="row between" data-product={p.productId}>
            <span class="grow">{p.name} <span class="muted small">{p.productId} · {price(p.price, p.currency)} · {t('shelf.stock', { count: p.stock })}{p.kind === 'voucher' ? ' · ' + t('studio.voucherKind') : ''}</span></span>
            {pinned === p.productId
              ? <button class="ghost small" data-testid="unpin" onClick={() => store.act(() => store.call('UnpinProduct', store.roomId))}>{t('studio.unpin')}</button>
              : <button class="small" data-testid={`pin-${p.productId}`} onClick={() => store.act(() => store.call('PinProduct', store.roomId, p.productId))}>{t('studio.pin')}</button>}
          </li>
        ))}
      </ul>
      <form class="grid-form" onSubmit={add}>
        {form.input('productId', 'studio.productId', { required: true, pattern: '[A-Za-z0-9_.:\\-]{1,64}' })}
        {form.input('name', 'studio.name', { required: true })}
        {form.input('price', 'studio.price', { required: true, type: 'number', step: 'any', min: '0' })}
        {form.input('currency', 'studio.currency', { required: true, maxLength: 3 })}
        {form.input('stock', 'studio.stock', { required: true, type: 'number', min: '0' })}
        {form.input('imageUrl', 'studio.image', { type: 'url' })}
        {form.select('kind', 'studio.kind', [['goods', t('studio.goods')], ['voucher', t('studio.voucherKind')]])}
        {form.values.kind === 'voucher' && form.input('validDays', 'studio.validDays', { type: 'number', min: '1', max: '365' })}
        {form.values.kind === 'voucher' && form.input('redeemAt', 'studio.redeemAt', { maxLength: 200 })}
        {form.input('commissionRate', 'studio.commission', { type: 'number', step: '0.01', min: '0', max: '0.8' })}
        <button type="submit" data-testid="add-product">{t('studio.addProduct')}</button>
      </form>
    </section>
  );
}

export function FlashSales({ store }: { store: RoomStore }) {
  const first = store.products.keys().next().value ?? '';
  const form = useForm({ productId: first, price: '', quantity: '50', perUserLimit: '1', durationSeconds: '120', startsInSeconds: '0' });
  const start = async (e: Event) => {
    e.preventDefault();
    const v = form.values;
    const startsIn = num(v.startsInSeconds);
    const result = await store.act(() => store.call('StartFlashSale', store.roomId, {
      productId: v.productId || first, price: Number(v.price), quantity: Number(v.quantity), perUserLimit: Number(v.perUserLimit),
      durationSeconds: Number(v.durationSeconds), ...(startsIn ? { startsInSeconds: startsIn } : {}),
    }));
    if (result) done(store);
  };
  const sales = [...store.flashSales.values()].filter(s => s.status !== 'ended');
  return (
    <section class="card" data-testid="flash-sales">
      <h2>⚡ {t('studio.flashSale')}</h2>
      {sales.map(s => <SaleLine key={s.saleId} store={store} sale={s} />)}
      <form class="grid-form" onSubmit={start}>
        {form.select('productId', 'studio.products', productOptions(store))}
        {form.input('price', 'studio.price', { required: true, type: 'number', step: 'any', min: '0' })}
        {form.input('quantity', 'studio.quantity', { required: true, type: 'number', min: '1' })}
        {form.input('perUserLimit', 'studio.perUser', { required: true, type: 'number', min: '1' })}
        {form.input('durationSeconds', 'studio.duration', { required: true, type: 'number', min: '5', max: '86400' })}
        {form.input('startsInSeconds', 'studio.preheat', { type: 'number', min: '0', max: '300' })}
        <button type="submit" data-testid="start-sale">{t('studio.startSale')}</button>
      </form>
    </section>
  );
}

function SaleLine({ store, sale }: { store: RoomStore; sale: FlashSale }) {
  const upcoming = sale.status === 'upcoming' && ms(sale.startsAt) > Date.now();
  return (
    <div class="row between" data-testid="studio-sale" data-sale={sale.saleId}>
      <span>{store.products.get(sale.productId)?.name ?? sale.productId} · {price(sale.price)} · {t('sale.left', { remaining: sale.remaining, quantity: sale.quantity })}</span>
      {upcoming ? <Countdown to={sale.startsAt} label="sale.startsIn" /> : <Countdown to={sale.endsAt} label="sale.endsIn" />}
      <button class="ghost small" onClick={() => store.act(() => store.call('EndFlashSale', store.roomId, sale.saleId))}>{t('studio.endSale')}</button>
    </div>
  );
}

export function Auctions({ store }: { store: RoomStore }) {
  const first = store.products.keys().next().value ?? '';
  const form = useForm({ productId: first, startingBid: '10', durationSeconds: '60', counterBidSeconds: '10', suddenDeath: false as boolean });
  const start = async (e: Event) => {
    e.preventDefault();
    const v = form.values;
    const auction = await store.act(() => store.call<Auction>('StartAuction', store.roomId, {
      productId: v.productId || first, startingBid: Number(v.startingBid), durationSeconds: Number(v.durationSeconds),
      counterBidSeconds: num(v.counterBidSeconds), suddenDeath: v.suddenDeath === true,
    }));
    if (auction) { store.auctions.set(auction.auctionId, auction); done(store); }
  };
  const active = [...store.auctions.values()].find(a => a.status === 'active');
  return (
    <section class="card" data-testid="auctions">
      <h2>▲ {t('studio.auction')}</h2>
      {active && (
        <div class="row between" data-testid="studio-auction">
          <span>{store.products.get(active.productId)?.name} · {price(active.currentBid ?? active.startingBid, active.currency)} · {active.leaderName ?? '—'} · {t('auction.bids', { count: active.bids })}</span>
          <Countdown to={active.endsAt} label="auction.endsIn" />
          {active.bids === 0 && <button class="ghost small" onClick={() => store.act(() => store.call('CancelAuction', store.roomId, active.auctionId))}>{t('studio.cancelAuction')}</button>}
        </div>
      )}
      <form class="grid-form" onSubmit={start}>
        {form.select('productId', 'studio.products', productOptions(store))}
        {form.input('startingBid', 'studio.startingBid', { required: true, type: 'number', step: 'any', min: '0.01' })}
        {form.input('durationSeconds', 'studio.duration', { required: true, type: 'number', min: '5', max: '3600' })}
        {form.input('counterBidSeconds', 'studio.counterBid', { type: 'number', min: '5', max: '60' })}
        {form.check('suddenDeath', 'auction.suddenDeath')}
        <button type="submit" data-testid="start-auction">{t('studio.startAuction')}</button>
      </form>
    </section>
  );
}

export function Giveaways({ store }: { store: RoomStore }) {
  const form = useForm({ prize: '', productId: '', winners: '1', durationSeconds: '60', keyword: '', minWatchSeconds: '' });
  const start = async (e: Event) => {
    e.preventDefault();
    const v = form.values;
    const giveaway = await store.act(() => store.call<Giveaway>('StartGiveaway', store.roomId, {
      prize: v.prize.trim(), productId: text(v.productId), winners: Number(v.winners), durationSeconds: Number(v.durationSeconds),
      keyword: text(v.keyword), minWatchSeconds: num(v.minWatchSeconds),
    }));
    if (giveaway) { store.giveaways.set(giveaway.giveawayId, giveaway); done(store); }
  };
  const active = [...store.giveaways.values()].find(g => g.status === 'active');
  return (
    <section class="card" data-testid="giveaways">
      <h2>★ {t('studio.giveaway')}</h2>
      {active && (
        <div class="row between" data-testid="studio-giveaway">
          <span>{active.prize} · {t('giveaway.entrants', { count: active.entrants })}</span>
          <Countdown to={active.endsAt} label="giveaway.endsIn" />
          <button class="small" data-testid="draw" onClick={() => store.act(() => store.call('DrawGiveaway', store.roomId, active.giveawayId))}>{t('studio.draw')}</button>
        </div>
      )}
      <form class="grid-form" onSubmit={start}>
        {form.input('prize', 'studio.prize', { required: true, maxLength: 200 })}
        {form.select('productId', 'studio.products', [['', '—'], ...productOptions(store)])}
        {form.input('winners', 'studio.winners', { required: true, type: 'number', min: '1', max: '100' })}
        {form.input('durationSeconds', 'studio.duration', { required: true, type: 'number', min: '10', max: '600' })}
        {form.input('keyword', 'studio.keyword', { maxLength: 30 })}
        {form.input('minWatchSeconds', 'studio.minWatch', { type: 'number', min: '0' })}
        <button type="submit" data-testid="start-giveaway">{t('studio.startGiveaway')}</button>
      </form>
    </section>
  );
}

export function Coupons({ store }: { store: RoomStore }) {
  const form = useForm({ discountType: 'percent', discountValue: '10', minSpend: '', quota: '100', perUserLimit: '1', claimSeconds: '60', validSeconds: '', productIds: '' });
  const drop = async (e: Event) => {
    e.preventDefault();
    const v = form.values;
    const coupon = await store.act(() => store.call<CouponDrop>('DropCoupon', store.roomId, {
      discountType: v.discountType, discountValue: Number(v.discountValue), minSpend: num(v.minSpend), quota: Number(v.quota),
      perUserLimit: num(v.perUserLimit), claimSeconds: Number(v.claimSeconds), validSeconds: num(v.validSeconds), productIds: list(v.productIds),
    }));
    if (coupon) { store.coupons.set(coupon.couponId, coupon); done(store); }
  };
  const active = [...store.coupons.values()].find(c => c.status === 'active');
  return (
    <section class="card" data-testid="coupons">
      <h2>% {t('studio.coupon')}</h2>
      {active && (
        <div class="row between" data-testid="studio-coupon">
          <span>{active.discountType === 'percent' ? t('coupon.percent', { value: active.discountValue }) : t('coupon.amount', { value: price(active.discountValue) })} · {t('coupon.left', { count: active.remaining })}</span>
          <Countdown to={active.claimEndsAt} label="coupon.endsIn" />
        </div>
      )}
      <form class="grid-form" onSubmit={drop}>
        {form.select('discountType', 'studio.discountType', [['percent', '%'], ['amount', t('studio.price')]])}
        {form.input('discountValue', 'studio.discountValue', { required: true, type: 'number', step: 'any', min: '0.01' })}
        {form.input('minSpend', 'studio.minSpend', { type: 'number', step: 'any', min: '0' })}
        {form.input('quota', 'studio.quota', { required: true, type: 'number', min: '1' })}
        {form.input('perUserLimit', 'studio.perUser', { type: 'number', min: '1' })}
        {form.input('claimSeconds', 'studio.claimSeconds', { required: true, type: 'number', min: '10', max: '1200' })}
        {form.input('validSeconds', 'studio.validSeconds', { type: 'number', min: '1' })}
        {form.input('productIds', 'studio.productIds')}
        <button type="submit" data-testid="drop-coupon">{t('studio.drop')}</button>
      </form>
    </section>
  );
}
