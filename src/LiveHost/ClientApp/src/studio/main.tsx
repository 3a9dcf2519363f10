// The host studio: /studio (rooms, create a room) and /studio/{roomId} (run the stream).
import { render } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { RoomStore } from '../lib/roomStore';
import { currentIdentity, type Identity } from '../lib/auth';
import { http } from '../lib/api';
import { t } from '../lib/i18n';
import type { Room } from '../lib/types';
import { LangButton, Notices, SignIn, useIdentity, useStore } from '../lib/ui';
import { CreateRoom, RoomList } from './Rooms';
import { Auctions, Coupons, FlashSales, Giveaways, Products } from './Selling';
import { Moderation } from './Moderation';
import { Figures } from './Figures';

const roomId = location.pathname.split('/')[2] ? decodeURIComponent(location.pathname.split('/')[2]) : null;

declare global { interface Window { lcStore?: RoomStore } }

function Studio() {
  const identity = useIdentity();
  return (
    <div class="studio">
      <header class="top">
        <a href="/" class="brand">◉</a>
        <h1 class="grow">{t('studio.title')}</h1>
        <LangButton />
      </header>
      <SignIn role="host" />
      {identity && (roomId ? <Console identity={identity} roomId={roomId} /> : <><RoomList identity={identity} /><CreateRoom /></>)}
    </div>
  );
}

function Console({ identity, roomId }: { identity: Identity; roomId: string }) {
  const store = useMemo(() => new RoomStore(roomId, currentIdentity()), [identity.token]);
  useEffect(() => {
    window.lcStore = store;
    void store.start();
    return () => void store.link.stop();
  }, [store]);
  useStore(store);
  const room = store.room;
  if (!room) return <div class="muted">{t(`link.${store.linkState}`)}</div>;
  const lifecycle = async (step: 'start' | 'end') => {
    const updated = await store.act(() => http<Room>('POST', `/api/rooms/${encodeURIComponent(roomId)}/${step}`));
    if (updated) { store.room = updated; store.changed(); }
  };
  return (
    <div class="console" data-testid="console" data-status={room.status}>
      <section class="card row between">
        <div class="grow"><h2 data-testid="studio-room-title">{room.title}</h2>
          <span class={`status ${room.status}`}>{t(`room.${room.status}`)}</span> · {t('room.viewers', { count: store.viewers.current })} · ♥ {store.likes}</div>
        {room.hostId !== identity.userId && <div class="error">{t('studio.notHost')}</div>}
        <a class="button ghost" href={`/r/${encodeURIComponent(roomId)}`} target="_blank">{t('studio.viewerPage')}</a>
        {room.status === 'scheduled' && <button data-testid="go-live" onClick={() => lifecycle('start')}>{t('studio.goLive')}</button>}
        {room.status === 'live' && <button class="danger" data-testid="end-live" onClick={() => lifecycle('end')}>{t('studio.end')}</button>}
      </section>
      <div class="console-grid">
        <Figures store={store} />
        <Products store={store} />
        <FlashSales store={store} />
        <Auctions store={store} />
        <Giveaways store={store} />
        <Coupons store={store} />
        <Moderation store={store} />
      </div>
      <Notices notices={store.notices} />
    </div>
  );
}

render(<Studio />, document.getElementById('app')!);
