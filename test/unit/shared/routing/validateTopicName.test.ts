import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateTopicName } from '../../../../shared/routing';

describe('validateTopicName', () => {
  it.each(['sport/tennis/player1', 'sport', '/finance', 'sport/', 'Accounts payable', 'a//b', 'ümlaut/😀'])('accepts %s', (topic) => {
    expect(validateTopicName(topic)).toBeNull();
  });

  it.each([
    ['', /empty.*e\.g\. "shop\/orders\/placed"/],
    ['sport/+/player1', /wildcard '\+'.*plain name.*filters only/],
    ['sport/#', /wildcard '#'/],
    ['$SYS/broker/uptime', /starts with '\$'.*\$SYS.*reserved.*remove the leading '\$'/],
    ['$share/g/a', /starts with '\$'/],
    ['a\u0000b', /NUL character \(U\+0000\).*remove it/],
    ['a\udc00', /unpaired UTF-16 surrogate at position 1/],
  ])('refuses %j and names the fix', (topic, message) => {
    expect(validateTopicName(topic)?.message).toMatch(message);
  });

  it('counts UTF-8 bytes, not characters, against the 65535 limit', () => {
    expect(validateTopicName('a'.repeat(65_535))).toBeNull();
    expect(validateTopicName('a'.repeat(65_536))?.message).toMatch(/65536 bytes/);
    expect(validateTopicName('€'.repeat(21_845))).toBeNull(); // 3 bytes each: 65535
    expect(validateTopicName('€'.repeat(21_846))?.message).toMatch(/65538 bytes/);
    expect(validateTopicName('😀'.repeat(16_384))?.message).toMatch(/65536 bytes/);
  });

  it('accepts any other non-empty string of well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (topic) => {
        const expected = !topic.includes('+') && !topic.includes('#') && !topic.includes('\u0000') && !topic.startsWith('$');
        expect(validateTopicName(topic) === null).toBe(expected);
      }),
    );
  });
});
