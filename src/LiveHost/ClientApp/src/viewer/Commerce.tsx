// Buying in the room: the pinned card, the shelf, the flash-sale card with its hold, the cart and orders.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomStore } from '../lib/roomStore';
import type { Cart, ClaimedCoupon, FlashSale, Order, Product, PurchaseResult, Voucher } from '../lib/types';
import { currentLang, t } from '../lib/i18n';
import { money, ms, newKey } from '../lib/format';
import { http } from '../lib/api';
import { Countdown, useNow } from '../lib/ui';

const price = (amount: number | null | undefined, currency = 'USD') => money(amount, currency, currentLang());

function addToCart(store: RoomStore, product: Product) {
  return store.act(async () => {
    store.cart = await store.call<Cart>('AddToCart', store.roomId, product.productId, 1);
    store.notify('good', 'shelf.added');
  });
}

export function PinnedCard({ store }: { store: RoomStore }) {
  const p = store.pinned;
  if (!p) return null;
  return (
    <section class="card pinned" data-testid="pinned" data-product={p.productId}>
      {p.imageUrl && <img src={p.imageUrl} alt="" />}
      <div class="grow">
        <div class="label">{t('pinned.title')}</div>
        <div class="name">{p.name}</div>
        <div class="price">{price(p.price, p.currency)}</div>
      </div>
      {store.identity && <button onClick={() => addToCart(store, p)}>{t('shelf.add')}</button>}
    </section>
  );
}

export function Shelf({ store }: { store: RoomStore }) {
  return (
    <ul class="shelf" data-testid="shelf">
      {[...store.products.values()].map(p => (
        <li key={p.productId} class="product" data-product={p.productId}>
          {p.imageUrl ? <img src={p.imageUrl} alt="" loading="lazy" /> : <div class="thumb" />}
          <div class="grow">
            <div class="name">{p.name}</div>
            {p.kind === 'voucher' && p.redeemAt && <div class="muted small">{t('shelf.voucher', { place: p.redeemAt })}</div>}
            <div class="price">{price(p.price, p.currency)} <span class="muted small">{t('shelf.stock', { count: p.stock })}</span></div>
          </div>
          {store.identity && <button class="small" data-testid="add-to-cart" onClick={() => addToCart(store, p)}>{t('shelf.add')}</button>}
        </li>
      ))}
    </ul>
  );
}

/** The newest sale that is upcoming or active (or just ended), with a buy button and the buyer's hold. */
export function FlashSaleCard({ store }: { store: RoomStore }) {
  const sales = [...store.flashSales.values()];
  const sale = sales.filter(s => s.status !== 'ended').pop() ?? null;
  if (!sale) return null;
  return <SaleCard key={sale.saleId} store={store} sale={sale} />;
}

function SaleCard({ store, sale }: { store: RoomStore; sale: FlashSale }) {
  const now = useNow(250);
  const [state, setState] = useState<'idle' | 'pending'>('idle');
  const [outcome, setOutcome] = useState<PurchaseResult | null>(null);
  const attempt = useRef<string | null>(null);
  const product = store.products.get(sale.productId);
  const upcoming = sale.status === 'upcoming' && ms(sale.startsAt) > now;
  const buy = async () => {
    if (state === 'pending') return;
    setState('pending');
    attempt.current ??= newKey('buy');
    const result = await store.act(() => store.call<PurchaseResult>('BuyFlashSale', store.roomId, sale.saleId, 1, attempt.current));
    setState('idle');
    if (!result) return; // refused or unreachable: the same key is reused next time, never a second reservation
    attempt.current = null;
    setOutcome(result);
    if (result.status === 'reserved' && result.orderId) {
      store.orders.set(result.orderId, {
        orderId: result.orderId, userId: store.identity!.userId, roomId: store.roomId, total: sale.price, currency: product?.currency ?? 'USD',
        lines: [], status: 'pendingPayment', createdAt: new Date(), holdExpiresAt: result.holdExpiresAt ?? new Date(),
      });
    }
    store.changed();
  };
  const order = outcome?.orderId ? store.orders.get(outcome.orderId) : undefined;
  const pct = sale.quantity > 0 ? Math.round((100 * sale.remaining) / sale.quantity) : 0;
  return (
    <section class="card sale" data-testid="flash-sale" data-sale={sale.saleId} data-status={upcoming ? 'upcoming' : 'active'}>
      <div class="row between">
        <b>⚡ {t('sale.title')}</b>
        {upcoming
          ? <Countdown testId="sale-starts" to={sale.startsAt} label="sale.startsIn" />
          : <Countdown testId="sale-ends" to={sale.endsAt} label="sale.endsIn" />}
      </div>
      <div class="row between">
        <span class="name">{product?.name ?? sale.productId}</span>
        <span><b class="price">{price(sale.price, product?.currency)}</b> {product && <s class="muted small">{price(product.price, product.currency)}</s>}</span>
      </div>
      <div class="bar"><i style={{ width: `${pct}%` }} /></div>
      <div class="row between small">
        <span data-testid="sale-remaining" data-remaining={sale.remaining}>{t('sale.left', { remaining: sale.remaining, quantity: sale.quantity })}</span>
        <span class="muted">{t('sale.limit', { count: sale.perUserLimit })}</span>
      </div>
      {store.identity && !order && (
        <button class="buy" data-testid="buy" data-state={state} disabled={upcoming || sale.remaining <= 0} onClick={buy}>
          {state === 'pending' ? t('sale.buying') : upcoming ? t('sale.notStarted') : sale.remaining <= 0 ? t('sale.soldOut') : t('sale.buy')}
        </button>
      )}
      {outcome && outcome.status !== 'reserved' && <div class="error" data-testid="buy-outcome">{t(`sale.${outcome.status}`)}</div>}
      {order && <OrderCard store={store} order={order} />}
    </section>
  );
}

/** An order: its status, and while held its countdown with pay and cancel. */
export function OrderCard({ store, order }: { store: RoomStore; order: Order }) {
  const [busy, setBusy] = useState(false);
  const run = async (method: 'PayOrder' | 'CancelOrder') => {
    setBusy(true);
    const updated = await store.act(() => store.call<Order>(method, order.orderId));
    setBusy(false);
    if (updated) { store.orders.set(updated.orderId, updated); store.changed(); }
  };
  const held = order.status === 'pendingPayment' && ms(order.holdExpiresAt) > Date.now();
  return (
    <div class="order" data-testid="order" data-order={order.orderId} data-status={order.status}>
      <div class="row between">
        <span class="small muted">{order.orderId}</span>
        <b data-testid="order-status">{t(`order.status.${order.status}`)}</b>
      </div>
      {order.lines.map(l => <div key={l.productId} class="row between small"><span>{l.name} × {l.quantity}</span><span>{price(l.unitPrice * l.quantity, order.currency)}</span></div>)}
      {!!order.discount && <div class="row between small"><span>{t('cart.discount')}</span><span>−{price(order.discount, order.currency)}</span></div>}
      <div class="row between"><span>{t('cart.total')}</span><b data-testid="order-total" data-total={order.total}>{price(order.total, order.currency)}</b></div>
      {held && (
        <div class="row between">
          <Countdown testId="hold" to={order.holdExpiresAt} label="order.holdEnds" />
          <span class="row">
            <button class="ghost small" data-testid="cancel" disabled={busy} onClick={() => run('CancelOrder')}>{t('order.cancel')}</button>
            <button class="small" data-testid="pay" disabled={busy} onClick={() => run('PayOrder')}>{t('order.pay')}</button>
          </span>
        </div>
      )}
      {order.vouchers?.map(v => <VoucherLine key={v.code} voucher={v} />)}
    </div>
  );
}

function VoucherLine({ voucher }: { voucher: Voucher }) {
  return <div class="voucher small" data-testid="voucher"><code>{voucher.code}</code> <span>{voucher.status}</span></div>;
}

/** Cart → checkout (order held) → pay: three steps, with a claimed coupon applied on the way. */
export function CartPanel({ store }: { store: RoomStore }) {
  const [coupons, setCoupons] = useState<ClaimedCoupon[] | null>(null);
  const [placed, setPlaced] = useState<string | null>(null);
  const checkoutKey = useRef<string | null>(null);
  const cart = store.cart;
  const placedOrder = placed ? store.orders.get(placed) : undefined;
  const step = placedOrder?.status === 'paid' ? 3 : placedOrder ? 2 : 1;
  const loadCoupons = async () => {
    const list = await store.act(() => store.call<ClaimedCoupon[]>('GetCoupons'));
    if (list) setCoupons(list.filter(c => !c.usedByOrderId && ms(c.expiresAt) > Date.now()));
  };
  const setCart = (next: Cart | undefined) => { if (next) { store.cart = next; store.changed(); } };
  const checkout = async () => {
    checkoutKey.current ??= newKey('checkout');
    const order = await store.act(() => store.call<Order>('Checkout', checkoutKey.current));
    if (!order) return;
    checkoutKey.current = null;
    store.orders.set(order.orderId, order);
    setPlaced(order.orderId);
    store.changed();
  };
  return (
    <div class="cart" data-testid="cart">
      <ol class="steps"><li class={step === 1 ? 'on' : ''}>{t('cart.step1')}</li><li class={step === 2 ? 'on' : ''}>{t('cart.step2')}</li><li class={step === 3 ? 'on' : ''}>{t('cart.step3')}</li></ol>
      {placedOrder && <OrderCard store={store} order={placedOrder} />}
      {step === 3 && <div class="good" data-testid="cart-done">{t('cart.done', { orderId: placedOrder!.orderId })}</div>}
      {!placedOrder && (!cart || cart.lines.length === 0) && <p class="muted">{t('cart.empty')}</p>}
      {!placedOrder && cart && cart.lines.length > 0 && (
        <>
          {cart.lines.map(l => (
            <div key={l.roomId + l.productId} class="row between line" data-testid="cart-line">
              <span class="grow">{l.name} × {l.quantity}</span>
              <span>{price(l.unitPrice * l.quantity)}</span>
              <button class="link small" onClick={() => store.act(async () => setCart(await store.call<Cart>('RemoveFromCart', l.productId)))}>{t('cart.remove')}</button>
            </div>
          ))}
          <div class="row between">
            <label class="row">{t('cart.coupon')}
              <select data-testid="coupon-select" onFocus={() => coupons || loadCoupons()} value={cart.couponId ?? ''}
                onChange={e => {
                  const id = (e.target as HTMLSelectElement).value;
                  void store.act(async () => setCart(await (id ? store.call<Cart>('ApplyCoupon', id) : store.call<Cart>('RemoveCoupon'))));
                }}>
                <option value="">{t('cart.noCoupon')}</option>
                {cart.couponId && !coupons?.some(c => c.couponId === cart.couponId) && <option value={cart.couponId}>{cart.couponId}</option>}
                {coupons?.map(c => <option key={c.couponId} value={c.couponId}>{c.discountType === 'percent' ? t('coupon.percent', { value: c.discountValue }) : t('coupon.amount', { value: price(c.discountValue) })}</option>)}
              </select>
            </label>
          </div>
          {cart.subtotal != null && <div class="row between small"><span>{t('cart.subtotal')}</span><span>{price(cart.subtotal)}</span></div>}
          {!!cart.discount && <div class="row between small" data-testid="cart-discount"><span>{t('cart.discount')}</span><span>−{price(cart.discount)}</span></div>}
          <div class="row between"><b>{t('cart.total')}</b><b data-testid="cart-total" data-total={cart.total}>{price(cart.total)}</b></div>
          <button class="buy" data-testid="checkout" onClick={checkout}>{t('cart.checkout')}</button>
        </>
      )}
    </div>
  );
}

interface OwnedVoucher extends Voucher { orderId?: string; redeemAt?: string }

export function OrdersPanel({ store }: { store: RoomStore }) {
  const [vouchers, setVouchers] = useState<OwnedVoucher[]>([]);
  const load = async () => {
    const orders = await store.act(() => http<Order[]>('GET', '/api/orders'));
    if (orders) for (const o of orders) store.orders.set(o.orderId, o);
    // Vouchers are v1.1: a server without them answers 404 and the list stays empty.
    try { setVouchers(await http<OwnedVoucher[]>('GET', '/api/vouchers')); } catch { setVouchers([]); }
    store.changed();
  };
  useEffect(() => { void load(); }, []);
  const refund = async (code: string) => {
    if (await store.act(() => http('POST', `/api/vouchers/${encodeURIComponent(code)}/refund`))) void load();
  };
  const orders = [...store.orders.values()].sort((a, b) => ms(b.createdAt) - ms(a.createdAt));
  return (
    <div class="orders" data-testid="orders">
      <button class="ghost small" onClick={load}>{t('orders.refresh')}</button>
      {orders.length === 0 && <p class="muted">{t('orders.none')}</p>}
      {orders.map(o => <OrderCard key={o.orderId} store={store} order={o} />)}
      {vouchers.length > 0 && <h3>{t('orders.vouchers')}</h3>}
      {vouchers.map(v => (
        <div key={v.code} class="row between voucher" data-testid="my-voucher">
          <code>{v.code}</code>
          <span class="small">{store.products.get(v.productId)?.name ?? v.productId} · {v.status}</span>
          {v.status === 'issued' && <button class="link small" onClick={() => refund(v.code)}>{t('orders.voucherRefund')}</button>}
        </div>
      ))}
    </div>
  );
}
