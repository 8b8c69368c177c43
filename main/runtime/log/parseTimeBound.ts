/**
 * A time bound given on the command line: an ISO 8601 / RFC 3339 time (`2026-01-31T12:00:00Z`,
 * `2026-01-31`), a duration before now (`90s`, `10m`, `2h`, `1d`, `500ms`), `now`, or epoch
 * milliseconds. Returns epoch ms, or a message naming the value and the accepted forms.
 */
export type TimeBoundResult = { ok: true; at: number } | { ok: false; message: string };

const RELATIVE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)(?:\s*ago)?$/i;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const EPOCH_MS = /^\d{12,}$/;
const ISO_START = /^\d{4}-\d{2}-\d{2}/;

export function parseTimeBound(text: string, now: number = Date.now()): TimeBoundResult {
  const t = text.trim();
  if (t === 'now') return { ok: true, at: now };
  const rel = RELATIVE.exec(t);
  if (rel) return { ok: true, at: now - Number(rel[1]) * (UNIT_MS[(rel[2] as string).toLowerCase()] as number) };
  if (EPOCH_MS.test(t)) return { ok: true, at: Number(t) };
  if (ISO_START.test(t)) {
    const at = Date.parse(t);
    if (!Number.isNaN(at)) return { ok: true, at };
  }
  return {
    ok: false,
    message: `${JSON.stringify(text)} is not a time: use an ISO time such as 2026-01-31T12:00:00Z, a duration before now such as 10m, 2h or 1d, or epoch milliseconds`,
  };
}
