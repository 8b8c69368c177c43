import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../../renderer/inspectorPanel/formatJson';

describe('formatJson', () => {
  it('keeps short arrays and objects on one line and breaks the long ones', () => {
    expect(formatJson({ type: ['a'] })).toBe('{ "type": ["a"] }');
    expect(formatJson({ type: ['checkout.order.placed'], data: { total: [{ numeric: ['>=', 1000] }] } })).toBe(
      [
        '{',
        '  "type": ["checkout.order.placed"],',
        '  "data": {',
        '    "total": [',
        '      { "numeric": [">=", 1000] }',
        '    ]',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('writes JSON that parses back to the same value', () => {
    const value = { a: 'x'.repeat(40), b: ['y'.repeat(30)], c: { d: [1, 2, { e: null }], f: true }, g: [] };
    expect(JSON.parse(formatJson(value))).toEqual(value);
    expect(formatJson(value)).toContain('\n  "a": ');
  });
});
