import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTopicFilter, topicMatches, validateTopicFilter } from '../../../../shared/routing';
import { referenceMatch } from './topicReference';

const both = (filter: string, topic: string) => {
  const a = topicMatches(filter, topic);
  const b = compileTopicFilter(filter)(topic);
  expect(b, `compileTopicFilter(${JSON.stringify(filter)}) disagrees with topicMatches on ${JSON.stringify(topic)}`).toBe(a);
  return a;
};

describe('topicMatches: the MQTT 5 spec examples', () => {
  it.each([
    // 4.7.1.2 multi-level wildcard
    ['sport/tennis/player1/#', 'sport/tennis/player1', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/ranking', true],
    ['sport/tennis/player1/#', 'sport/tennis/player1/score/wimbledon', true],
    ['sport/#', 'sport', true],
    ['#', 'sport/tennis', true],
    ['sport/tennis/#', 'sport/tennis', true],
    ['sport/tennis/#', 'sport/tennisplayer', false],
    // 4.7.1.3 single-level wildcard
    ['sport/tennis/+', 'sport/tennis/player1', true],
    ['sport/tennis/+', 'sport/tennis/player2', true],
    ['sport/tennis/+', 'sport/tennis/player1/ranking', false],
    ['sport/+', 'sport', false],
    ['sport/+', 'sport/', true],
    ['+/+', '/finance', true],
    ['/+', '/finance', true],
    ['+', '/finance', false],
    ['+/tennis/#', 'sport/tennis/player1', true],
    ['sport/+/player1', 'sport/tennis/player1', true],
    // 4.7.2 topics beginning with $
    ['#', '$SYS/monitor/Clients', false],
    ['+/monitor/Clients', '$SYS/monitor/Clients', false],
    ['$SYS/#', '$SYS/monitor/Clients', true],
    ['$SYS/monitor/+', '$SYS/monitor/Clients', true],
    ['$SYS/#', '$SYS', true],
    // 4.7.3 topic semantic: case and leading '/' matter
    ['ACCOUNTS', 'Accounts', false],
    ['Accounts payable', 'Accounts payable', true],
    ['finance', '/finance', false],
    ['/finance', '/finance', true],
    // 4.8.2 shared subscriptions match as their inner filter
    ['$share/consumer1/sport/tennis/+', 'sport/tennis/player1', true],
    ['$share/consumer2/sport/tennis/+', 'sport/tennis/player1', true],
    ['$share/consumer1//finance', '/finance', true],
    ['$share/consumer1/sport/tennis/+', 'sport/tennis', false],
    ['$share/g/#', '$SYS/x', false],
    ['$share/g/#', 'anything/at/all', true],
  ])('%s against %s: %s', (filter, topic, expected) => {
    expect(both(filter, topic)).toBe(expected);
  });

  it('a shared subscription does not match the literal topic "$share/..."', () => {
    expect(both('$share/g/a', '$share/g/a')).toBe(false);
    expect(both('$share/g/a', 'a')).toBe(true);
  });
});

const topicLevel = fc.constantFrom('a', 'b', 'ab', '', '$x', 'é', 'a b');
const filterLevel = fc.constantFrom('a', 'b', 'ab', '', '$x', 'é', '+');

const topicName = fc
  .array(topicLevel, { minLength: 1, maxLength: 5 })
  .map((levels) => levels.join('/'))
  .filter((t) => t !== '');

const topicFilter = fc
  .tuple(
    fc.constantFrom('', '$share/g/', '$share/workers/'),
    fc.array(filterLevel, { minLength: 1, maxLength: 5 }),
    fc.boolean(),
  )
  .map(([share, levels, hash]) => share + (hash ? [...levels.slice(0, -1), '#'] : levels).join('/'))
  .filter((f) => validateTopicFilter(f) === null);

describe('topicMatches and compileTopicFilter agree with a level-by-level reference', () => {
  it('on random valid filters and topic names', () => {
    fc.assert(
      fc.property(topicFilter, topicName, (filter, topic) => {
        const expected = referenceMatch(filter, topic);
        expect(topicMatches(filter, topic)).toBe(expected);
        expect(compileTopicFilter(filter)(topic)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('on topics built to match (substituting levels for the wildcards)', () => {
    fc.assert(
      fc.property(topicFilter, fc.array(topicLevel, { minLength: 6, maxLength: 6 }), (filter, fill) => {
        const inner = filter.replace(/^\$share\/[^/]+\//, '');
        let k = 0;
        const topic = inner
          .split('/')
          .flatMap((level) => (level === '+' ? [fill[k++ % fill.length]!] : level === '#' ? fill.slice(0, 2) : [level]))
          .join('/');
        fc.pre(topic !== '');
        expect(topicMatches(filter, topic)).toBe(referenceMatch(filter, topic));
        expect(compileTopicFilter(filter)(topic)).toBe(referenceMatch(filter, topic));
      }),
      { numRuns: 2000 },
    );
  });

  it('a literal filter matches exactly its own topic', () => {
    fc.assert(
      fc.property(topicName, topicName, (a, b) => {
        expect(both(a, b)).toBe(a === b);
      }),
    );
  });
});
