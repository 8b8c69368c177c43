/**
 * Count the bytes a string takes in UTF-8 without encoding it (shared/ has no TextEncoder).
 * An unpaired surrogate counts 3 bytes, as TextEncoder would write U+FFFD for it; use
 * `unpairedSurrogateAt` to reject such strings first, since MQTT forbids them.
 *
 * @example
 * utf8ByteLength('a/é/€/😀') // => 1 + 1 + 2 + 1 + 3 + 1 + 4 = 13
 */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The index of the first UTF-16 surrogate that has no partner, or -1. Such a string has no
 * UTF-8 encoding, and MQTT 5 (section 1.5.4) forbids the code points U+D800..U+DFFF.
 *
 * @example
 * unpairedSurrogateAt('ok/😀') // => -1
 * unpairedSurrogateAt('bad/\ud800') // => 4
 */
export function unpairedSurrogateAt(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    return i;
  }
  return -1;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
