import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSharedSubscription, validateTopicFilter } from '../../../../shared/routing';
import { referenceFilterValid } from './topicReference';

describe('validateTopicFilter: the MQTT 5 spec examples', () => {
  it.each(['#', 'sport/tennis/#', '+', '+/tennis/#', 'sport/+/player1', 'sport/tennis/player1/#', '$SYS/#', '/+', '+/+', 'a//b', '/'])(
    'accepts %s',
    (filter) => {
      expect(validateTopicFilter(filter)).toBeNull();
    },
  );

  it('refuses "sport/tennis#" and says to make # a whole level', () => {
    expect(validateTopicFilter('sport/tennis#')?.message).toMatch(/'#' must fill a whole level.*use "sport\/#"/);
  });

  it('refuses "sport/tennis/#/ranking" and shows the right form', () => {
    expect(validateTopicFilter('sport/tennis/#/ranking')?.message).toBe(
      `'#' must be the last level of a filter: use "sport/tennis/#", not "sport/tennis/#/ranking"`,
    );
  });

  it('refuses "sport+" and shows the right form', () => {
    expect(validateTopicFilter('sport+')?.message).toMatch(/'\+' must fill a whole level.*use "\+"/);
    expect(validateTopicFilter('a/b+c/d')?.message).toMatch(/use "a\/\+\/d"/);
  });

  it('refuses an empty filter, a NUL, a lone surrogate and a filter over 65535 bytes', () => {
    expect(validateTopicFilter('')?.message).toMatch(/empty.*e\.g\./);
    expect(validateTopicFilter('a/\u0000')?.message).toMatch(/NUL.*remove it/);
    expect(validateTopicFilter('a/\ud800')?.message).toMatch(/surrogate/);
    expect(validateTopicFilter('é'.repeat(32_767) + 'a')).toBeNull(); // 65535 bytes
    expect(validateTopicFilter('é'.repeat(32_768))?.message).toMatch(/65536 bytes.*at most 65535.*shorten/);
  });
});

describe('validateTopicFilter: shared subscriptions (4.8.2)', () => {
  it.each(['$share/consumer1/sport/tennis/+', '$share/consumer2/sport/tennis/+', '$share/consumer1//finance', '$share/g/#'])(
    'accepts %s',
    (filter) => {
      expect(validateTopicFilter(filter)).toBeNull();
    },
  );

  it.each([
    ['$share//a', /empty share group.*\$share\/<group>\/<filter>/],
    ['$share/', /empty share group/],
    ['$share/g', /no topic filter after the group "g"/],
    ['$share/g/', /no topic filter after the group "g"/],
    ['$share/g+/a', /share group "g\+" contains '\+'/],
    ['$share/#/a', /share group "#" contains '#'/],
    ['$share/g/a/#/b', /'#' must be the last level.*use "a\/#"/],
  ])('refuses %s', (filter, message) => {
    expect(validateTopicFilter(filter)?.message).toMatch(message);
  });

  it('parseSharedSubscription splits group and filter', () => {
    expect(parseSharedSubscription('$share/consumer1/sport/tennis/+')).toEqual({ group: 'consumer1', filter: 'sport/tennis/+' });
    expect(parseSharedSubscription('$share/consumer1//finance')).toEqual({ group: 'consumer1', filter: '/finance' });
    expect(parseSharedSubscription('sport/tennis/+')).toBeNull();
    expect(parseSharedSubscription('$share')).toBeNull();
    expect(parseSharedSubscription('$share//a')).toBeNull();
    expect(parseSharedSubscription('$share/g')).toBeNull();
    expect(parseSharedSubscription('$share/g+/a')).toBeNull();
    expect(parseSharedSubscription('$shared/g/a')).toBeNull();
  });
});

describe('validateTopicFilter agrees with the placement rules on generated filters', () => {
  const level = fc.constantFrom('a', '', '+', '#', 'a+', '+a', '#a', 'a#', '$SYS', '$x', '++', '##');
  const filter = fc
    .tuple(fc.constantFrom('', '', '$share/g/', '$share//', '$share/g+/', '$share/#/', '$share/g'), fc.array(level, { minLength: 0, maxLength: 5 }))
    .map(([prefix, levels]) => prefix + levels.join('/'));

  it('accepts exactly the filters whose wildcards sit where MQTT allows', () => {
    fc.assert(
      fc.property(filter, (f) => {
        const problem = validateTopicFilter(f);
        expect(problem === null, `${JSON.stringify(f)}: ${problem?.message}`).toBe(referenceFilterValid(f));
        if (problem) expect(problem.message).toMatch(/: (use|give it|name the group|remove it)|, e\.g\. /);
      }),
      { numRuns: 3000 },
    );
  });
});
