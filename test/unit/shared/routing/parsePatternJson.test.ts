import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePatternJson } from '../../../../shared/routing';
import { scanJson } from '../../../../shared/routing/scanJson';

function failure(text: string) {
  const result = parsePatternJson(text);
  if (result.ok) throw new Error(`should fail: ${text}`);
  return result.errors;
}

describe('parsePatternJson', () => {
  it('returns the pattern when the JSON and the pattern are fine', () => {
    const text = '{\n  "type": ["order.placed"],\n  "data": { "total": [{ "numeric": [">", 0] }] }\n}';
    expect(parsePatternJson(text)).toEqual({ ok: true, pattern: { type: ['order.placed'], data: { total: [{ numeric: ['>', 0] }] } } });
  });

  it('names line and column of a missing comma, and says to add one', () => {
    const [error] = failure('{\n  "type": ["a"]\n  "source": ["b"]\n}');
    expect(error).toMatchObject({ line: 3, column: 3 });
    expect(error!.message).toMatch(/^line 3, column 3: expected ',' or '}' after the value of "type".*add a comma/);
  });

  it.each<[string, string, number, number, RegExp]>([
    ['a trailing comma', '{"type": ["a"],}', 1, 15, /remove the comma before '}'/],
    ['a trailing comma in a list', '{"type": ["a", ]}', 1, 14, /remove the comma before '\]'/],
    ['single quotes', "{'type': ['a']}", 1, 2, /double quotes: write "name"|double quotes/],
    ['an unquoted key', '{type: ["a"]}', 1, 2, /property names need double quotes: write "type", not type/],
    ['an unquoted value', '{"type": [order]}', 1, 11, /order is not a JSON value: text needs double quotes: write "order"/],
    ['True in capitals', '{"a": [True]}', 1, 8, /write it in lower case: true/],
    ['a missing colon', '{"type" ["a"]}', 1, 9, /expected ':' after the property name "type"/],
    ['an unclosed object', '{"type": ["a"]', 1, 15, /object opened at line 1, column 1 is never closed: add '}'/],
    ['an unclosed list', '{"type": ["a"', 1, 14, /list opened at line 1, column 10 is never closed: add '\]'/],
    ['an unclosed string', '{"type": ["a}', 1, 14, /string opened at line 1, column 11 is never closed/],
    ['a comment', '{\n  // routing\n  "type": ["a"]\n}', 2, 3, /JSON has no comments/],
    ['text after the pattern', '{"type": ["a"]} x', 1, 17, /after the end of the pattern: remove it/],
    ['an empty text', '   ', 1, 4, /the text is empty: write a pattern such as/],
    ['a leading zero', '{"a": [012]}', 1, 8, /no leading zeros/],
    ['a bad escape', '{"a": ["\\q"]}', 1, 9, /"\\q" is not a JSON escape/],
    ['a line break in a string', '{"a": ["x\ny"]}', 1, 10, /cannot span lines/],
    ['a duplicate key', '{"type": ["a"],\n "type": ["b"]}', 2, 2, /"type" appears twice in the same object.*merge/],
  ])('explains %s with line and column', (_name, text, line, column, message) => {
    const [error] = failure(text);
    expect(error!.message).toMatch(message);
    expect(error!.message).toMatch(new RegExp(`^line ${line}, column ${column}: `));
    expect(error).toMatchObject({ line, column });
  });

  it('then applies the pattern checks, pointing each error at its place in the text', () => {
    const text = '{\n  "type": "order.placed",\n  "data": {\n    "total": [{"numeric": [">", 10, "<", 5]}]\n  }\n}';
    const errors = failure(text);
    expect(errors).toEqual([
      { path: 'type', line: 2, column: 11, message: 'must be a list of alternatives: wrap it in a list: ["order.placed"]' },
      {
        path: 'data.total[0].numeric',
        line: 4,
        column: 27,
        message: '[">",10,"<",5] can never match: no number is > 10 and < 5; swap the bounds or fix the values',
      },
    ]);
  });

  it('refuses JSON that is not an object', () => {
    expect(failure('["type"]')[0]).toMatchObject({ path: '(pattern)', line: 1, column: 1 });
  });

  it('accepts exactly what JSON.parse accepts', () => {
    const accepts = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const jsonText = fc.oneof(fc.json(), fc.json().map((t) => JSON.stringify(JSON.parse(t), null, 2)));
    const mutated = fc
      .tuple(jsonText, fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', ' ', '0', '-', '.', 'e', '\\', '\n', "'", 'x', 'tru', '\u0001'))
      .map(([t, at, insert]) => {
        const k = t.length === 0 ? 0 : at % t.length;
        return t.slice(0, k) + insert + t.slice(k + (at % 2));
      });
    fc.assert(
      fc.property(fc.oneof(jsonText, mutated, fc.string()), (text) => {
        const scanned = scanJson(text);
        if (scanned.ok || accepts(text)) {
          // duplicate keys are the one thing we refuse that JSON.parse takes
          const duplicate = !scanned.ok && scanned.problems.every((p) => p.message.includes('appears twice'));
          expect(scanned.ok || duplicate).toBe(accepts(text));
        }
      }),
      { numRuns: 4000 },
    );
  });
});
