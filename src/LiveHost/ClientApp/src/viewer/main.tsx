// The viewer page, /r/{roomId}: mobile-first, one column on a phone, two on a desktop.
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { RoomStore } from '../lib/roomStore';
import { currentIdentity } from '../lib/auth';
import { t } from '../lib/i18n';
import { LangButton, Notices, SignIn, useIdentity, useStore } from '../lib/ui';
import { Video } from './Video';
import { CommentBox, CommentList } from './Chat';
import { CartPanel, FlashSaleCard, OrdersPanel, PinnedCard, Shelf } from './Commerce';
import { AuctionPanel, BuyingTicker, CouponPopup, GiveawayPanel } from './Engage';

const roomId = decodeURIComponent(location.pathname.split('/')[2] ?? 'demo') || 'demo';
const REF_KEY = `lc.ref.${roomId}`;
const ref = new URLSearchParams(location.search).get('ref');
if (ref) sessionStorage.setItem(REF_KEY, ref);

declare global { interface Window { lcStore?: RoomStore } }

function App() {
  const identity = useIdentity();
  // A new identity means a new connection: the hub knows the caller from the token it connected with.
  const store = useMemo(() => new RoomStore(roomId, currentIdentity()), [identity?.token]);
  useEffect(() => {
    window.lcStore = store;
    void store.start().then(() => referral(store));
    return () => void store.link.stop();
  }, [store]);
  useStore(store);
  return <Room store={store} />;
}

/** Opened from a link someone shared: tell the server once we are signed in and in the room. */
async function referral(store: RoomStore) {
  const referrer = sessionStorage.getItem(REF_KEY);
  if (!referrer || !store.identity || referrer === store.identity.userId) return;
  try {
    await store.call('Referral', roomId, referrer);
    sessionStorage.removeItem(REF_KEY);
  } catch { /* a server without referrals: nothing to do */ }
}

function Room({ store }: { store: RoomStore }) {
  const [tab, setTab] = useState<'shelf' | 'cart' | 'orders'>('shelf');
  const [shared, setShared] = useState(false);
  const room = store.room;
  const share = async () => {
    const url = new URL(`/r/${encodeURIComponent(roomId)}`, location.origin);
    if (store.identity) url.searchParams.set('ref', store.identity.userId);
    try {
      if (navigator.share) await navigator.share({ title: room?.title, url: url.href });
      else await navigator.clipboard.writeText(url.href);
    } catch { /* the user closed the share sheet */ }
    setShared(true);
    setTimeout(() => setShared(false), 2000);
  };
  const cartCount = store.cart?.lines.reduce((n, l) => n + l.quantity, 0) ?? 0;
  return (
    <div class="viewer" data-testid="viewer" data-seq={store.seq} data-link={store.linkState}>
      <header class="top">
        <a href="/" class="brand">◉</a>
        <div class="grow title">
          <h1 data-testid="room-title">{room?.title ?? roomId}</h1>
          <div class="small">
            {room && <span class={`status ${room.status}`}>{t(`room.${room.status}`)}</span>}
            <span data-testid="viewers" data-count={store.viewers.current}> · {t('room.viewers', { count: store.viewers.current })}</span>
          </div>
        </div>
        <button class="ghost small" data-testid="share" onClick={share}>{shared ? t('room.shared') : t('room.share')}</button>
        <LangButton />
      </header>
      {store.linkState !== 'connected' && <div class="banner" data-testid="link-state">{t(`link.${store.linkState}`)}</div>}
      <main class="layout">
        <div class="stage">
          <Video room={room} />
          <div class="overlay">
            <BuyingTicker store={store} />
          </div>
          <CouponPopup store={store} />
        </div>
        <div class="side">
          <PinnedCard store={store} />
          <FlashSaleCard store={store} />
          <AuctionPanel store={store} />
          <GiveawayPanel store={store} />
          <section class="chat">
            <CommentList store={store} />
            <div class="row chatbar">
              <CommentBox store={store} />
              <button class="like" data-testid="like" aria-label={t('room.like')} onClick={() => store.tapLike()}>
                ❤ <span data-testid="likes" data-count={store.shownLikes}>{store.shownLikes}</span>
              </button>
            </div>
            {store.slowModeSeconds > 0 && <div class="small muted">{t('chat.slow', { seconds: store.slowModeSeconds })}</div>}
          </section>
          <SignIn role="viewer" />
          <nav class="tabs">
            <button class={tab === 'shelf' ? 'on' : ''} data-testid="tab-shelf" onClick={() => setTab('shelf')}>{t('tabs.shelf')}</button>
            <button class={tab === 'cart' ? 'on' : ''} data-testid="tab-cart" onClick={() => setTab('cart')}>{t('tabs.cart', { count: cartCount })}</button>
            <button class={tab === 'orders' ? 'on' : ''} data-testid="tab-orders" onClick={() => setTab('orders')}>{t('tabs.orders')}</button>
          </nav>
          {tab === 'shelf' && <Shelf store={store} />}
          {tab === 'cart' && store.identity && <CartPanel store={store} />}
          {tab === 'orders' && store.identity && <OrdersPanel store={store} />}
        </div>
      </main>
      <Notices notices={store.notices} />
    </div>
  );
}

render(<App />, document.getElementById('app')!);
