import type { When } from './types';

export const ms = (when: When | null | undefined): number =>
  when == null ? NaN : when instanceof Date ? when.getTime() : typeof when === 'number' ? when : Date.parse(when);

/** "4:05" or "1:02:03" for a number of seconds (never negative). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return (h > 0 ? `${h}:` : '') + `${mm}:${String(r).padStart(2, '0')}`;
}

export const secondsUntil = (when: When | null | undefined, now = Date.now()) => (ms(when) - now) / 1000;

export function money(amount: number | null | undefined, currency = 'USD', locale?: string): string {
  if (amount == null || Number.isNaN(amount)) return '—';
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export const time = (when: When | null | undefined, locale?: string) =>
  Number.isNaN(ms(when)) ? '' : new Date(ms(when)).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** A key for one purchase attempt: random, printable, reused when that attempt is retried. */
export function newKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + '-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
