// Small pieces every page shares: re-render hooks, a ticking countdown, notices, sign-in, language switch.
import { useEffect, useState } from 'preact/hooks';
import { currentLang, onLangChange, setLang, t } from './i18n';
import { currentIdentity, onIdentityChange, signInWithDevToken, signOut, usePastedToken, type Identity } from './auth';
import { clock, secondsUntil } from './format';
import { toApiError } from './api';
import type { When } from './types';
import type { Notice } from './roomStore';
import './styles.css';

/** Re-renders the component whenever one of the subscriptions fires. */
export function useSubscriptions(...subscribe: ((listener: () => void) => () => void)[]) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const offs = subscribe.map(s => s(() => setTick(x => x + 1)));
    return () => offs.forEach(off => off());
  }, []);
}

/** Re-renders on the store's changes (at most once per animation frame) and on a language switch. */
export function useStore(store: { subscribe(listener: () => void): () => void }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick(x => x + 1);
    const offs = [store.subscribe(bump), onLangChange(bump)];
    return () => offs.forEach(off => off());
  }, [store]);
}

export function useIdentity(): Identity | null {
  useSubscriptions(onIdentityChange, onLangChange);
  return currentIdentity();
}

/** The current time, refreshed every `everyMs`. */
export function useNow(everyMs = 250): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function Countdown({ to, label, testId }: { to: When | null | undefined; label: string; testId?: string }) {
  const now = useNow();
  const left = secondsUntil(to, now);
  return <span class="countdown" data-testid={testId} data-seconds={Math.max(0, Math.ceil(left))}>{t(label, { time: clock(left) })}</span>;
}

export function LangButton() {
  return <button class="ghost" data-testid="lang" onClick={() => setLang(currentLang() === 'en' ? 'zh-CN' : 'en')}>{t('lang.switch')}</button>;
}

export function Notices({ notices }: { notices: Notice[] }) {
  return (
    <div class="notices" role="status" aria-live="polite">
      {notices.map(n => <div key={n.id} class={`notice ${n.kind}`} data-testid="notice" data-key={n.key}>{n.key ? t(n.key, n.args) : n.text}</div>)}
    </div>
  );
}

/** "Pick a name" through the dev-token endpoint, or a pasted token; signed in: the name and sign-out. */
export function SignIn({ role }: { role: 'viewer' | 'host' }) {
  const identity = useIdentity();
  const [name, setName] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [showToken, setShowToken] = useState(false);
  if (identity) {
    return (
      <div class="signin signed" data-testid="signed-in">
        <span>{t('auth.hello', { name: identity.name })}</span>
        <button class="ghost" onClick={() => signOut()}>{t('auth.signOut')}</button>
      </div>
    );
  }
  const pick = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      await signInWithDevToken(name, role);
    } catch (err) {
      const code = toApiError(err).code;
      setError(code === 'not_found' ? t('auth.noDevTokens') : t(`err.${code}`, { detail: toApiError(err).detail }));
      setShowToken(true);
    }
  };
  const paste = (e: Event) => {
    e.preventDefault();
    try { usePastedToken(token); } catch (err) { setError(toApiError(err).detail); }
  };
  return (
    <div class="signin">
      <form onSubmit={pick} class="row">
        <input data-testid="name" maxLength={40} placeholder={t('auth.pickName')} value={name} onInput={e => setName((e.target as HTMLInputElement).value)} />
        <button data-testid="sign-in" type="submit">{t('auth.signIn')}</button>
        <button type="button" class="ghost small" onClick={() => setShowToken(!showToken)}>{t('auth.pasteToken')}</button>
      </form>
      {showToken && (
        <form onSubmit={paste} class="row">
          <input placeholder="eyJ…" value={token} onInput={e => setToken((e.target as HTMLInputElement).value)} />
          <button type="submit">{t('auth.useToken')}</button>
        </form>
      )}
      {error && <div class="error">{error}</div>}
    </div>
  );
}

export const Field = ({ label, children }: { label: string; children: preact.ComponentChildren }) => (
  <label class="field"><span>{t(label)}</span>{children}</label>
);
