// The comment stream (text only, never HTML: Preact sets textContent) and the comment box.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RoomStore } from '../lib/roomStore';
import type { Comment } from '../lib/types';
import { langCode, t } from '../lib/i18n';
import { http } from '../lib/api';

interface Translation { commentId: string; text: string; sourceLanguage: string; targetLanguage: string }
interface LanguagePair { sourceLanguage: string; targetLanguage: string }
const translations = new Map<string, string>();
const TARGET_KEY = 'lc.translateTo';

/** The languages the server's translator can turn this room's comments into (none: no translate buttons). */
let pairs: Promise<LanguagePair[]> | null = null;
function useTargets(source: string | undefined): string[] {
  const [targets, setTargets] = useState<string[]>([]);
  useEffect(() => {
    pairs ??= http<LanguagePair[]>('GET', '/api/translation/languages').catch(() => []);
    void pairs.then(list => setTargets([...new Set(list.filter(p => !source || p.sourceLanguage === source).map(p => p.targetLanguage))]));
  }, [source]);
  return targets;
}

/** The reader's language when offered (browser languages, then the page's), else the first offered. */
function pickTarget(targets: string[]): string | undefined {
  const wanted = [localStorage.getItem(TARGET_KEY), ...navigator.languages.map(l => l.split('-')[0].toLowerCase()), langCode()];
  return wanted.find(l => l && targets.includes(l)) ?? targets[0];
}

export function CommentList({ store }: { store: RoomStore }) {
  const targets = useTargets(store.room?.language);
  const [target, setTarget] = useState<string | undefined>(undefined);
  const to = target ?? pickTarget(targets);
  const list = useRef<HTMLUListElement>(null);
  const stick = useRef(true);
  useLayoutEffect(() => {
    if (stick.current && list.current) list.current.scrollTop = list.current.scrollHeight;
  });
  const onScroll = () => {
    const el = list.current!;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
  return (
    <>
      {targets.length > 1 && (
        <label class="row small muted">{t('chat.translateTo')}
          <select data-testid="translate-to" value={to} onChange={e => {
            const value = (e.target as HTMLSelectElement).value;
            localStorage.setItem(TARGET_KEY, value);
            setTarget(value);
          }}>
            {targets.map(l => <option key={l} value={l}>{l}</option>)}
          </select>
        </label>
      )}
      <ul class="comments" ref={list} onScroll={onScroll} data-testid="comments" aria-live="off">
        {store.comments.map(c => <CommentItem key={`${c.commentId}:${to}`} store={store} comment={c} to={to} />)}
      </ul>
    </>
  );
}

function CommentItem({ store, comment, to }: { store: RoomStore; comment: Comment; to: string | undefined }) {
  const key = `${comment.commentId}:${to}`;
  const [translated, setTranslated] = useState(translations.get(key));
  const translate = async () => {
    const result = await store.act(() => store.call<Translation[]>('TranslateComments', store.roomId, [comment.commentId], to));
    const text = result?.[0]?.text;
    if (text) {
      translations.set(key, text);
      setTranslated(text);
    }
  };
  return (
    <li class="comment" data-testid="comment" data-id={comment.commentId}>
      {comment.badge && <span class={`badge ${comment.badge}`}>{t(comment.badge === 'host' ? 'chat.host' : 'chat.moderator')}</span>}
      <b class="who">{comment.name}</b>
      <span class="text">{comment.text}</span>
      {translated
        ? <span class="translated" data-testid="translation">{translated}</span>
        : to && <button class="link small" data-testid="translate" onClick={translate}>{t('chat.translate')}</button>}
    </li>
  );
}

export function CommentBox({ store }: { store: RoomStore }) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  if (!store.identity) return <div class="commentbox hint">{t('chat.signIn')}</div>;
  const send = async (e: Event) => {
    e.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || sending) return;
    setSending(true);
    const sent = await store.act(() => store.call('SendComment', store.roomId, trimmed));
    setSending(false);
    if (sent) setText('');
  };
  return (
    <form class="commentbox" onSubmit={send}>
      <input data-testid="comment-input" maxLength={300} placeholder={t('chat.placeholder')} value={text}
        onInput={e => setText((e.target as HTMLInputElement).value)} />
      <button data-testid="comment-send" type="submit" disabled={sending || !text.trim()}>{t('chat.send')}</button>
    </form>
  );
}
