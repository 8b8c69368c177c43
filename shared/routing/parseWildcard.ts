/**
 * Split an EventBridge wildcard such as `order.*.eu` at its unescaped '*' into the literal
 * parts between them (`\*` stands for a literal star, `\\` for a backslash). Consecutive
 * stars are refused, as EventBridge does, since they mean nothing more than one.
 *
 * @example
 * parseWildcard('order.*.eu') // => { ok: true, parts: ['order.', '.eu'] }
 * parseWildcard('a**b') // => { ok: false, message: ... }
 */
export function parseWildcard(source: string): { ok: true; parts: string[] } | { ok: false; message: string } {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (next !== '*' && next !== '\\') {
        return {
          ok: false,
          message:
            `"\\" at position ${i} escapes nothing: in a wildcard only "\\*" (a literal star) and "\\\\" ` +
            `(a backslash) are escapes; write "\\\\" for a backslash`,
        };
      }
      current += next;
      i++;
    } else if (c === '*') {
      if (source[i + 1] === '*') {
        return {
          ok: false,
          message: `consecutive '*' at position ${i} are not allowed: one '*' already matches any run of characters, so write a single '*'`,
        };
      }
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return { ok: true, parts };
}

/**
 * Test a string against wildcard parts from parseWildcard: the first part must start it,
 * the last must end it, and the middle ones must appear in order between them. Leftmost
 * placement of each middle part is always right when '*' is the only special character.
 *
 * @example
 * matchWildcardParts(['order.', '.eu'], 'order.placed.eu') // => true
 */
export function matchWildcardParts(parts: readonly string[], value: string): boolean {
  const last = parts.length - 1;
  const head = parts[0] as string;
  if (last === 0) return value === head;
  const tail = parts[last] as string;
  if (value.length < head.length + tail.length || !value.startsWith(head) || !value.endsWith(tail)) return false;
  let at = head.length;
  const end = value.length - tail.length;
  for (let i = 1; i < last; i++) {
    const part = parts[i] as string;
    const found = value.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
