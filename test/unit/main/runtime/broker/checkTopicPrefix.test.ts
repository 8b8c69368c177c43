import { describe, expect, it } from 'vitest';
import { checkTopicPrefix } from '../../../../../main/runtime/broker/checkTopicPrefix';

describe('checkTopicPrefix', () => {
  it('makes a prefix end with / so PREFIX# filters see every topic of the run', () => {
    expect(checkTopicPrefix('sim', '--topic-prefix')).toEqual({ ok: true, prefix: 'sim/' });
    expect(checkTopicPrefix('sim/', '--topic-prefix')).toEqual({ ok: true, prefix: 'sim/' });
    expect(checkTopicPrefix('a/b', '--topic-prefix')).toEqual({ ok: true, prefix: 'a/b/' });
    expect(checkTopicPrefix('', '--topic-prefix')).toEqual({ ok: true, prefix: '' });
  });

  it('refuses wildcards, a leading $ and NUL, naming the option', () => {
    expect(checkTopicPrefix('a/+/', '--topic-prefix')).toEqual({
      ok: false,
      message: `--topic-prefix: "a/+/" contains the wildcard '+'; the prefix goes in front of the topics events are published on, so it must be a plain name such as sim/`,
    });
    expect(checkTopicPrefix('#', '--topic-prefix')).toMatchObject({ ok: false, message: expect.stringContaining("wildcard '#'") });
    expect(checkTopicPrefix('$SYS/', 'broker.topicPrefix')).toMatchObject({ ok: false, message: expect.stringMatching(/^broker\.topicPrefix: the prefix "\$SYS\/" starts with '\$'/) });
    expect(checkTopicPrefix('a\u0000', '--topic-prefix')).toMatchObject({ ok: false, message: expect.stringContaining('NUL') });
  });
});
