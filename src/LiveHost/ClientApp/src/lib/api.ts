// HTTP calls to the server's API, with RFC 7807 problems turned into coded errors.
import { currentIdentity } from './auth';

export class ApiError extends Error {
  constructor(public code: string, public detail: string, public status = 0) {
    super(`${code}: ${detail}`);
  }
}

/** Reads "code: sentence" from a hub error (or anything thrown). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const m = /^(?:.*HubException: )?([a-z_]+): ([\s\S]*)$/.exec(message);
  return m ? new ApiError(m[1], m[2]) : new ApiError('unavailable', message);
}

export async function http<T>(method: string, path: string, body?: unknown, token: string | null | undefined = currentIdentity()?.token): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError('unavailable', String(e));
  }
  if (!response.ok) {
    let code = response.status === 404 ? 'not_found' : response.status === 401 ? 'unauthorized' : response.status === 503 ? 'unavailable' : 'invalid_argument';
    let detail = response.statusText;
    try {
      const problem = await response.json();
      code = problem.code ?? code;
      detail = problem.detail ?? problem.title ?? detail;
    } catch { /* not a problem document */ }
    throw new ApiError(code, detail, response.status);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A CSV (or any text) download with the caller's token, saved through a blob link. */
export async function download(path: string, filename: string): Promise<void> {
  const token = currentIdentity()?.token;
  const response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new ApiError(response.status === 404 ? 'not_found' : 'forbidden', response.statusText, response.status);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
