// Moderation: the chat with delete / mute / shadow ban per comment, slow mode, blocked words, the room's
// moderators and the audit log.
import { useEffect, useState } from 'preact/hooks';
import type { RoomStore } from '../lib/roomStore';
import { http } from '../lib/api';
import { currentLang, t } from '../lib/i18n';
import { time } from '../lib/format';
import type { When } from '../lib/types';

interface ModerationState { moderators: string[]; muted: { userId: string; until: When }[]; shadowBanned: string[]; blockedWords: string[]; slowModeSeconds: number }
interface LogEntry { at: When; moderatorId: string; action: string; targetUserId?: string; commentId?: string; detail?: string }

export function Moderation({ store }: { store: RoomStore }) {
  const base = `/api/rooms/${encodeURIComponent(store.roomId)}/moderation`;
  const [state, setState] = useState<ModerationState | null>(null);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [words, setWords] = useState('');
  const [slow, setSlow] = useState('0');
  const [moderator, setModerator] = useState('');
  const refresh = async () => {
    try {
      const s = await http<ModerationState>('GET', base);
      setState(s);
      setWords(s.blockedWords.join('\n'));
      setSlow(String(s.slowModeSeconds));
      setLog(await http<LogEntry[]>('GET', `${base}/log`));
    } catch { /* a v1 server has no moderation endpoints: the hub actions still work */ }
  };
  useEffect(() => { void refresh(); }, []);
  const act = async (method: string, ...args: unknown[]) => {
    const ok = await store.act(async () => { await store.call(method, store.roomId, ...args); return true; });
    if (ok) { store.notify('good', 'studio.saved'); void refresh(); }
  };
  return (
    <section class="card" data-testid="moderation">
      <h2>{t('studio.moderation')}</h2>
      <ul class="comments studio-chat">
        {store.comments.map(c => (
          <li key={c.commentId} class="comment" data-testid="mod-comment">
            <b class="who">{c.name}</b> <span class="text">{c.text}</span>
            <span class="actions">
              <button class="link small" onClick={() => act('DeleteComment', c.commentId)}>{t('studio.delete')}</button>
              <button class="link small" onClick={() => act('MuteUser', c.userId, 300)}>{t('studio.mute')}</button>
              <button class="link small" onClick={() => act('ShadowBan', c.userId, !state?.shadowBanned.includes(c.userId))}>{t('studio.shadowBan')}</button>
            </span>
          </li>
        ))}
      </ul>
      <div class="row">
        <label class="row">{t('studio.slowMode')} <input class="narrow" type="number" min="0" value={slow} onInput={e => setSlow((e.target as HTMLInputElement).value)} /></label>
        <button class="small" onClick={() => act('SetSlowMode', Number(slow))}>{t('studio.set')}</button>
      </div>
      <label class="field"><span>{t('studio.blockedWords')}</span>
        <textarea rows={3} value={words} onInput={e => setWords((e.target as HTMLTextAreaElement).value)} />
      </label>
      <button class="small" onClick={() => act('SetBlockedWords', words.split('\n').map(w => w.trim()).filter(Boolean))}>{t('studio.set')}</button>
      <h3>{t('studio.moderators')}</h3>
      <ul class="plain">
        {state?.moderators.map(m => (
          <li key={m} class="row between">{m}<button class="link small" onClick={() => act('RemoveModerator', m)}>{t('studio.remove')}</button></li>
        ))}
      </ul>
      <div class="row">
        <input placeholder="userId" value={moderator} onInput={e => setModerator((e.target as HTMLInputElement).value)} />
        <button class="small" onClick={() => moderator.trim() && act('AddModerator', moderator.trim())}>{t('studio.addModerator')}</button>
      </div>
      <h3>{t('studio.log')} <button class="link small" onClick={refresh}>{t('studio.refresh')}</button></h3>
      <ul class="plain small">
        {log.slice(0, 50).map((e, i) => (
          <li key={i}>{time(e.at, currentLang())} · {e.moderatorId} · {e.action} {e.targetUserId ?? ''} {e.commentId ?? ''} {e.detail ?? ''}</li>
        ))}
      </ul>
    </section>
  );
}
