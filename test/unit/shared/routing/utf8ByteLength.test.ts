import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unpairedSurrogateAt, utf8ByteLength } from '../../../../shared/routing/utf8ByteLength';

describe('utf8ByteLength', () => {
  it('counts like TextEncoder for any string, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }), (s, surrogates) => {
        const text = s + surrogates + s;
        expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
      }),
    );
  });

  it('finds unpaired surrogates and only those', () => {
    expect(unpairedSurrogateAt('a😀b')).toBe(-1);
    expect(unpairedSurrogateAt('ab\ud83d')).toBe(2);
    expect(unpairedSurrogateAt('\ude00x')).toBe(0);
    expect(unpairedSurrogateAt('\ud83d\ud83d\ude00')).toBe(0);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(unpairedSurrogateAt(s)).toBe(-1);
      }),
    );
  });
});
