// The comment stream (text only, never HTML: Preact sets textContent) and the comment box.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { RoomStore } from '../lib/roomStore';
import type { Comment } from '../lib/types';
import { langCode, t } from '../lib/i18n';

interface Translation { commentId: string; text: string; sourceLanguage: string; targetLanguage: string }
const translations = new Map<string, string>();

export function CommentList({ store }: { store: RoomStore }) {
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
    <ul class="comments" ref={list} onScroll={onScroll} data-testid="comments" aria-live="off">
      {store.comments.map(c => <CommentItem key={c.commentId} store={store} comment={c} />)}
    </ul>
  );
}

function CommentItem({ store, comment }: { store: RoomStore; comment: Comment }) {
  const [translated, setTranslated] = useState(translations.get(comment.commentId + ':' + langCode()));
  const translate = async () => {
    const result = await store.act(() => store.call<Translation[]>('TranslateComments', store.roomId, [comment.commentId], langCode()));
    const text = result?.[0]?.text;
    if (text) {
      translations.set(comment.commentId + ':' + langCode(), text);
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
        : <button class="link small" data-testid="translate" onClick={translate}>{t('chat.translate')}</button>}
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
