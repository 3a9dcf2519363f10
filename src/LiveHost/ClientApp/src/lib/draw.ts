// PROTOCOL.md's provably fair giveaway draw, recomputed in the browser with SubtleCrypto.
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), b => b.toString(16).padStart(2, '0')).join('');
const utf8 = new TextEncoder();

function fromHex(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error('the seed is not 64 lowercase hex characters');
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Ordinal comparison of UTF-16 code units, as .NET's string.CompareOrdinal. */
const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function drawWinners(seedHex: string, entrants: string[], winners: number): Promise<string[]> {
  const left = [...entrants].sort(ordinal);
  const chosen: string[] = [];
  for (let k = 0; chosen.length < winners && left.length > 0; k++) {
    const digest = await crypto.subtle.digest('SHA-256', utf8.encode(`${seedHex}:${k}`));
    const value = new DataView(digest).getBigUint64(0, false);
    const index = Number(value % BigInt(left.length));
    chosen.push(left.splice(index, 1)[0]);
  }
  return chosen;
}

export interface Verification { ok: boolean; why?: string; computed: string[] }

/** Checks the revealed seed against the published hash, then the winners against the rule. */
export async function verifyDraw(seedHex: string, seedHash: string, entrants: string[], winnerCount: number, announced: string[]): Promise<Verification> {
  if (!crypto.subtle) return { ok: false, why: 'insecure', computed: [] };
  const seedDigest = hex(await crypto.subtle.digest('SHA-256', fromHex(seedHex)));
  const computed = await drawWinners(seedHex, entrants, winnerCount);
  if (seedDigest !== seedHash.toLowerCase()) return { ok: false, why: `SHA-256(seed) = ${seedDigest} ≠ ${seedHash}`, computed };
  const same = computed.length === announced.length && [...computed].sort(ordinal).join('\n') === [...announced].sort(ordinal).join('\n');
  return same ? { ok: true, computed } : { ok: false, why: `computed ${computed.join(', ') || '—'} vs announced ${announced.join(', ') || '—'}`, computed };
}
