import { checkPattern } from './checkPattern';
import type { EventPattern, PatternError } from './EventPattern';
import { lineColumn, scanJson } from './scanJson';

/**
 * Read a pattern typed into the inspector's JSON editor. A JSON syntax error is explained
 * with its line and column and how to fix it (a missing comma, a trailing comma, single
 * quotes, ...); a key written twice in one object is an error too, since JSON would keep
 * only the last. Then the pattern gets compilePattern's checks; every error carries the
 * line and column of the value it is about, for the editor's markers.
 *
 * @example
 * parsePatternJson('{"type": ["order.placed"]}') // => { ok: true, pattern: { type: ['order.placed'] } }
 * parsePatternJson('{\n  "type": ["a"]\n  "source": ["b"]\n}')
 * // => { ok: false, errors: [{ path: '(pattern)', line: 3, column: 3,
 * //      message: "line 3, column 3: expected ',' or '}' after the value of \"type\", found '\"': add a comma ..." }] }
 */
export function parsePatternJson(
  text: string,
): { ok: true; pattern: EventPattern } | { ok: false; errors: PatternError[] } {
  const scanned = scanJson(text);
  if (!scanned.ok) {
    return {
      ok: false,
      errors: scanned.problems.map((p) => {
        const { line, column } = lineColumn(text, p.offset);
        return { path: p.path, message: `line ${line}, column ${column}: ${p.message}`, line, column };
      }),
    };
  }
  const value: unknown = JSON.parse(text);
  const checked = checkPattern(value);
  if (!checked.ok) {
    return {
      ok: false,
      errors: checked.errors.map((e) => {
        const offset = scanned.positions.get(e.path);
        return offset === undefined ? e : { ...e, ...lineColumn(text, offset) };
      }),
    };
  }
  return { ok: true, pattern: value as EventPattern };
}
