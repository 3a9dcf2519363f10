// Who is signed in: a JWT kept in localStorage. In the embedded default the dev-token endpoint issues
// one for a picked name; elsewhere a pasted token works the same way. No token = a guest who can watch.
import { ApiError, http } from './api';

export interface Identity { token: string; userId: string; name: string; role: string }

const KEY = 'lc.identity';
const listeners = new Set<() => void>();

function decode(token: string): Omit<Identity, 'token'> | null {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    const claims = JSON.parse(json);
    const role = claims.role ?? claims['http://schemas.microsoft.com/ws/2008/06/identity/claims/role'] ?? 'viewer';
    if (typeof claims.sub !== 'string') return null;
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return null;
    return { userId: claims.sub, name: claims.name ?? claims.sub, role: Array.isArray(role) ? role[0] : role };
  } catch {
    return null;
  }
}

export function currentIdentity(): Identity | null {
  const token = localStorage.getItem(KEY);
  if (!token) return null;
  const claims = decode(token);
  return claims ? { token, ...claims } : null;
}

export function onIdentityChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setToken(token: string | null) {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
  listeners.forEach(l => l());
}

export function signOut() { setToken(null); }

export function usePastedToken(token: string): Identity {
  const claims = decode(token.trim());
  if (!claims) throw new ApiError('invalid_argument', 'not a valid token');
  setToken(token.trim());
  return { token: token.trim(), ...claims };
}

/** A user id from a display name: ids are [A-Za-z0-9_.:-]{1,64}; names in other scripts get a random id. */
export function userIdFor(name: string): string {
  const slug = name.normalize('NFKD').replace(/[^A-Za-z0-9_.:-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 40);
  const suffix = Array.from(crypto.getRandomValues(new Uint8Array(3)), b => b.toString(16).padStart(2, '0')).join('');
  return `${slug || 'u'}-${suffix}`;
}

export async function signInWithDevToken(name: string, role: 'viewer' | 'host', region?: string): Promise<Identity> {
  const body: Record<string, string> = { userId: userIdFor(name), role, name: name.trim() };
  if (region) body.region = region;
  const { token } = await http<{ token: string }>('POST', '/api/dev/token', body, null);
  setToken(token);
  return currentIdentity()!;
}
