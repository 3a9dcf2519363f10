// Home, /: live rooms (most viewers first) and scheduled ones, with links to the studio.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { http } from '../lib/api';
import type { RoomListing } from '../lib/types';
import { currentLang, onLangChange, t } from '../lib/i18n';
import { time } from '../lib/format';
import { LangButton, useSubscriptions } from '../lib/ui';

async function list(status: 'live' | 'scheduled'): Promise<RoomListing[]> {
  try {
    const rooms = await http<RoomListing[]>('GET', `/api/rooms?status=${status}&limit=50`);
    // A v1 server ignores the filter and lists live rooms: keep only what was asked for.
    return rooms.filter(r => r.status === status);
  } catch {
    return [];
  }
}

function Home() {
  useSubscriptions(onLangChange);
  const [live, setLive] = useState<RoomListing[] | null>(null);
  const [scheduled, setScheduled] = useState<RoomListing[]>([]);
  useEffect(() => {
    const load = async () => {
      setLive((await list('live')).sort((a, b) => b.viewers - a.viewers));
      setScheduled(await list('scheduled'));
    };
    void load();
    const id = setInterval(load, 10_000);
    return () => clearInterval(id);
  }, []);
  return (
    <div class="home">
      <header class="top">
        <span class="brand">◉</span>
        <h1 class="grow">{t('app.name')}</h1>
        <a class="button ghost" href="/studio" data-testid="studio-link">{t('home.studio')}</a>
        <LangButton />
      </header>
      <h2>{t('home.live')}</h2>
      {live && live.length === 0 && <p class="muted">{t('home.none')}</p>}
      <ul class="rooms" data-testid="live-rooms">
        {live?.map(r => (
          <li key={r.roomId} class="room-card" data-room={r.roomId}>
            <a href={`/r/${encodeURIComponent(r.roomId)}`}>
              <div class="cover">{r.coverImageUrl ? <img src={r.coverImageUrl} alt="" loading="lazy" /> : <span>▶</span>}<i class="status live">{t('room.live')}</i></div>
              <b>{r.title}</b>
              <div class="small muted">{t('home.by', { host: r.hostName ?? r.hostId })} · {t('room.viewers', { count: r.viewers })}</div>
            </a>
          </li>
        ))}
      </ul>
      <h2>{t('home.scheduled')}</h2>
      {scheduled.length === 0 && <p class="muted">{t('home.noneScheduled')}</p>}
      <ul class="rooms">
        {scheduled.map(r => (
          <li key={r.roomId} class="room-card" data-room={r.roomId}>
            <a href={`/r/${encodeURIComponent(r.roomId)}`}>
              <div class="cover">{r.coverImageUrl ? <img src={r.coverImageUrl} alt="" loading="lazy" /> : <span>◷</span>}</div>
              <b>{r.title}</b>
              <div class="small muted">{t('home.startsAt', { time: time(r.scheduledAt, currentLang()) })} · {t('home.by', { host: r.hostName ?? r.hostId })}</div>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

render(<Home />, document.getElementById('app')!);
