// The host's rooms and the create-room form (every field of POST /api/rooms).
import { useEffect, useState } from 'preact/hooks';
import { http } from '../lib/api';
import type { Room, RoomListing } from '../lib/types';
import { currentLang, t } from '../lib/i18n';
import { time } from '../lib/format';
import type { Identity } from '../lib/auth';
import { list, text, useForm } from './form';

const MINE = 'lc.studio.rooms';
const remembered = (): string[] => JSON.parse(localStorage.getItem(MINE) ?? '[]');

export function RoomList({ identity }: { identity: Identity }) {
  const [rooms, setRooms] = useState<RoomListing[]>([]);
  useEffect(() => {
    void (async () => {
      const found = new Map<string, RoomListing>();
      for (const status of ['live', 'scheduled', 'ended']) {
        try {
          const page = await http<RoomListing[]>('GET', `/api/rooms?status=${status}&hostId=${encodeURIComponent(identity.userId)}&limit=50`);
          for (const r of page) if (r.hostId === identity.userId) found.set(r.roomId, r);
        } catch { /* keep what we have */ }
      }
      // A v1 server lists only live rooms: rooms created from this browser are remembered too.
      for (const roomId of remembered()) {
        if (found.has(roomId)) continue;
        try {
          const s = await http<{ room: Room; viewers: { current: number } }>('GET', `/api/rooms/${encodeURIComponent(roomId)}`);
          if (s.room.hostId === identity.userId) found.set(roomId, { ...s.room, viewers: s.viewers.current });
        } catch { /* gone */ }
      }
      setRooms([...found.values()]);
    })();
  }, [identity.userId]);
  return (
    <section class="card">
      <h2>{t('studio.myRooms')}</h2>
      <ul class="plain" data-testid="my-rooms">
        {rooms.map(r => (
          <li key={r.roomId} class="row between">
            <a href={`/studio/${encodeURIComponent(r.roomId)}`}>{r.title}</a>
            <span class="small muted">{t(`room.${r.status}`)} {r.scheduledAt ? time(r.scheduledAt, currentLang()) : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function CreateRoom() {
  const form = useForm({ title: '', sellRegions: '', language: currentLang() === 'zh-CN' ? 'zh' : 'en', streamUrl: '', coverImageUrl: '', buyKeyword: '', scheduledAt: '' });
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const v = form.values;
    try {
      const room = await http<Room>('POST', '/api/rooms', {
        title: v.title.trim(), sellRegions: list(v.sellRegions).map(r => r.toUpperCase()), language: text(v.language),
        streamUrl: text(v.streamUrl), coverImageUrl: text(v.coverImageUrl), buyKeyword: text(v.buyKeyword),
        scheduledAt: v.scheduledAt ? new Date(v.scheduledAt).toISOString() : undefined,
      });
      localStorage.setItem(MINE, JSON.stringify([room.roomId, ...remembered()].slice(0, 50)));
      location.href = `/studio/${encodeURIComponent(room.roomId)}`;
    } catch (err) {
      setError(String((err as Error).message));
    }
  };
  return (
    <form class="card grid-form" onSubmit={submit} data-testid="create-room">
      <h2>{t('studio.create')}</h2>
      {form.input('title', 'studio.roomTitle', { required: true, maxLength: 200 })}
      {form.input('sellRegions', 'studio.regions', { placeholder: 'US, CN' })}
      {form.input('language', 'studio.language', { maxLength: 8 })}
      {form.input('streamUrl', 'studio.streamUrl', { type: 'url', placeholder: 'https://…/index.m3u8' })}
      {form.input('coverImageUrl', 'studio.cover', { type: 'url' })}
      {form.input('buyKeyword', 'studio.buyKeyword', { pattern: '[A-Za-z]{1,16}', placeholder: 'sold' })}
      {form.input('scheduledAt', 'studio.schedule', { type: 'datetime-local' })}
      <button type="submit" data-testid="create">{t('studio.create')}</button>
      {error && <div class="error">{error}</div>}
    </form>
  );
}
