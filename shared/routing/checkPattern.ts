import { formatPath } from '../flow/formatPath';
import type { PatternError } from './EventPattern';
import { parseWildcard } from './parseWildcard';
import {
  PATTERN_OPERATORS,
  type Alternative,
  type Literal,
  type NumericBound,
  type ObjectNode,
  type PatternNode,
  type PatternOperator,
} from './PatternTree';

type Path = (string | number)[];

/** Keys that look like logic operators of other pattern languages; only `$or` exists here. */
const FOREIGN_LOGIC_KEYS = new Set(['$and', '$not', '$nor', '$xor']);
const NUMERIC_OPERATORS = ['=', '>', '>=', '<', '<='] as const;

/**
 * Render a pattern path the way the rest of the app renders JSON paths, with `(pattern)`
 * for the whole pattern.
 *
 * @example
 * patternPath(['data', 'total', 0, 'numeric']) // => 'data.total[0].numeric'
 */
export function patternPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(pattern)' : formatPath(path);
}

/**
 * Check a content pattern written in the EventBridge event pattern language and turn it
 * into a PatternTree, or list every mistake with its path and the fix. A top-level `{}` is
 * accepted and matches every event.
 *
 * @example
 * checkPattern({ type: 'order.placed' })
 * // => { ok: false, errors: [{ path: 'type', message: 'must be a list of alternatives: wrap it in a list: ["order.placed"]' }] }
 */
export function checkPattern(pattern: unknown): { ok: true; tree: ObjectNode } | { ok: false; errors: PatternError[] } {
  const errors: PatternError[] = [];
  if (!isPlainObject(pattern)) {
    errors.push({
      path: patternPath([]),
      message: `a pattern must be a JSON object such as {"type": ["order.placed"]}, not ${describeJson(pattern)}`,
    });
    return { ok: false, errors };
  }
  const tree = checkObject(pattern, [], errors, true);
  return errors.length === 0 ? { ok: true, tree } : { ok: false, errors };
}

function checkObject(obj: Record<string, unknown>, path: Path, errors: PatternError[], root: boolean): ObjectNode {
  const node: ObjectNode = { kind: 'object', fields: [], or: [] };
  const keys = Object.keys(obj);
  if (keys.length === 0 && !root) {
    errors.push({
      path: patternPath(path),
      message: `an empty object constrains nothing: add a field, e.g. {"total": [{"numeric": [">", 0]}]}, or remove ${JSON.stringify(String(path[path.length - 1]))}`,
    });
  }
  for (const key of keys) {
    const value = obj[key];
    const here = [...path, key];
    if (key === '$or') {
      node.or = checkOr(value, here, errors);
    } else if (FOREIGN_LOGIC_KEYS.has(key)) {
      errors.push({
        path: patternPath(here),
        message: `"${key}" is not an operator here: sibling fields already all have to match, and "$or" is the only logic key; rewrite it with "$or" or plain fields`,
      });
    } else if (Array.isArray(value)) {
      node.fields.push({ key, node: { kind: 'leaf', alternatives: checkLeaf(value, here, errors) } });
    } else if (isPlainObject(value)) {
      node.fields.push({ key, node: checkObject(value, here, errors, false) as PatternNode });
    } else {
      errors.push({
        path: patternPath(here),
        message: `must be a list of alternatives: wrap it in a list: [${safeJson(value)}]`,
      });
    }
  }
  return node;
}

function checkOr(value: unknown, path: Path, errors: PatternError[]): ObjectNode[] {
  const usage = 'e.g. "$or": [{"type": ["order.placed"]}, {"data": {"total": [{"numeric": [">", 100]}]}}]';
  if (!Array.isArray(value) || value.length < 2) {
    errors.push({
      path: patternPath(path),
      message: `"$or" needs a list of at least two patterns, any of which may match, ${usage}` +
        (Array.isArray(value) ? ` (got ${value.length})` : ''),
    });
    return [];
  }
  const branches: ObjectNode[] = [];
  value.forEach((branch, i) => {
    const here = [...path, i];
    if (!isPlainObject(branch) || Object.keys(branch).length === 0) {
      errors.push({
        path: patternPath(here),
        message: `each "$or" branch must be a non-empty pattern object such as {"type": ["order.placed"]}, not ${describeJson(branch)}`,
      });
      return;
    }
    branches.push(checkObject(branch, here, errors, false));
  });
  return branches;
}

function checkLeaf(list: unknown[], path: Path, errors: PatternError[]): Alternative[] {
  if (list.length === 0) {
    errors.push({
      path: patternPath(path),
      message: 'an empty list matches nothing: add at least one alternative, e.g. ["order.placed"], or remove the field',
    });
  }
  const alternatives: Alternative[] = [];
  list.forEach((item, i) => {
    const alt = checkAlternative(item, [...path, i], errors);
    if (alt) alternatives.push(alt);
  });
  return alternatives;
}

function checkAlternative(item: unknown, path: Path, errors: PatternError[]): Alternative | undefined {
  const literal = checkLiteral(item, path, errors);
  if (literal !== undefined) return literal === NOT_LITERAL ? undefined : { kind: 'literal', value: literal as Literal };
  if (Array.isArray(item)) {
    errors.push({
      path: patternPath(path),
      message: `a list inside a list is not allowed: put its values directly in the outer list, e.g. ["a", "b"] instead of [["a", "b"]]`,
    });
    return undefined;
  }
  if (!isPlainObject(item)) {
    errors.push({
      path: patternPath(path),
      message: `must be a string, number, true, false, null or an operator object such as {"prefix": "order."}, not ${describeJson(item)}`,
    });
    return undefined;
  }
  const keys = Object.keys(item);
  if (keys.length !== 1) {
    errors.push({
      path: patternPath(path),
      message:
        keys.length === 0
          ? `an empty object is not an operator: use one of ${operatorList()}, e.g. {"prefix": "order."}`
          : `an operator object has exactly one key, but this one has ${keys.map((k) => JSON.stringify(k)).join(', ')}: put each operator in its own list item, e.g. [{"prefix": "a"}, {"suffix": "b"}]`,
    });
    return undefined;
  }
  const op = keys[0] as string;
  const operand = item[op];
  const here = [...path, op];
  if (!isOperator(op)) {
    const guess = closestOperator(op);
    errors.push({
      path: patternPath(here),
      message: `unknown operator ${JSON.stringify(op)}: ${guess ? `did you mean "${guess}"? ` : ''}use one of ${operatorList()}`,
    });
    return undefined;
  }
  return checkOperator(op, operand, here, errors);
}

function checkOperator(op: PatternOperator, operand: unknown, path: Path, errors: PatternError[]): Alternative | undefined {
  const fail = (message: string): undefined => {
    errors.push({ path: patternPath(path), message });
    return undefined;
  };
  switch (op) {
    case 'prefix':
    case 'suffix': {
      if (typeof operand === 'string') return { kind: op, text: operand, ignoreCase: false };
      if (isPlainObject(operand) && Object.keys(operand).length === 1 && typeof operand['equals-ignore-case'] === 'string') {
        return { kind: op, text: operand['equals-ignore-case'], ignoreCase: true };
      }
      return fail(
        `${op} takes a string, e.g. {"${op}": "${op === 'prefix' ? 'order.' : '.eu'}"}, or {"${op}": {"equals-ignore-case": "..."}} to ignore case; got ${describeJson(operand)}`,
      );
    }
    case 'equals-ignore-case':
      if (typeof operand === 'string') return { kind: op, text: operand };
      return fail(`equals-ignore-case takes a string, e.g. {"equals-ignore-case": "Order.Placed"}; got ${describeJson(operand)}`);
    case 'wildcard': {
      if (typeof operand !== 'string') {
        return fail(`wildcard takes a string in which '*' matches any characters, e.g. {"wildcard": "order.*.eu"}; got ${describeJson(operand)}`);
      }
      const parsed = parseWildcard(operand);
      if (!parsed.ok) return fail(parsed.message);
      return { kind: op, source: operand, parts: parsed.parts };
    }
    case 'exists':
      if (typeof operand === 'boolean') return { kind: op, present: operand };
      return fail(
        `exists takes true or false, e.g. {"exists": true} (the field must be there) or {"exists": false} (it must not); got ${describeJson(operand)}`,
      );
    case 'numeric':
      return checkNumeric(operand, path, errors);
    case 'anything-but':
      return checkAnythingBut(operand, path, errors);
  }
}

function checkNumeric(operand: unknown, path: Path, errors: PatternError[]): Alternative | undefined {
  const usage = 'e.g. {"numeric": [">", 0, "<=", 100]} or {"numeric": ["=", 5]}';
  const fail = (message: string, at: Path = path): undefined => {
    errors.push({ path: patternPath(at), message });
    return undefined;
  };
  if (!Array.isArray(operand)) return fail(`numeric takes a list of one or two comparisons, ${usage}; got ${describeJson(operand)}`);
  if (operand.length !== 2 && operand.length !== 4) {
    return fail(
      `numeric takes one comparison (2 items) or a range of two (4 items), ${usage}; got ${operand.length} item${operand.length === 1 ? '' : 's'}`,
    );
  }
  const comparisons: { op: string; value: number }[] = [];
  let bad = false;
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const value = operand[i + 1];
    if (typeof op !== 'string' || !(NUMERIC_OPERATORS as readonly string[]).includes(op)) {
      fail(`${describeJson(op)} is not a numeric operator: use one of ${NUMERIC_OPERATORS.join(', ')}, ${usage}`, [...path, i]);
      bad = true;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      const hint = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? `: write ${value} without quotes` : '';
      fail(`the bound after ${JSON.stringify(op)} must be a number, e.g. 100; got ${describeJson(value)}${hint}`, [...path, i + 1]);
      bad = true;
    }
    if (!bad) comparisons.push({ op: op as string, value: value as number });
  }
  if (bad) return undefined;
  const [first, second] = comparisons as [{ op: string; value: number }, { op: string; value: number } | undefined];
  if (!second) {
    const bound = { value: first.value, inclusive: first.op.length === 2 || first.op === '=' };
    if (first.op === '=') return { kind: 'numeric', lower: bound, upper: bound, source: operand };
    return first.op.startsWith('>')
      ? { kind: 'numeric', lower: bound, source: operand }
      : { kind: 'numeric', upper: bound, source: operand };
  }
  if (first.op === '=' || second.op === '=') {
    return fail(`"=" stands alone: use ["=", 5] for one value, or a range such as [">=", 5, "<=", 10]`);
  }
  const lowerCmp = [first, second].filter((c) => c.op.startsWith('>'));
  if (lowerCmp.length !== 1) {
    return fail(
      `a range needs one lower bound (> or >=) and one upper bound (< or <=), e.g. [">", 0, "<=", 100]; ` +
        `${JSON.stringify(operand)} has ${lowerCmp.length === 2 ? 'two lower bounds' : 'two upper bounds'}: keep the tighter one or make it a range`,
    );
  }
  const lo = lowerCmp[0] as { op: string; value: number };
  const hi = (lo === first ? second : first) as { op: string; value: number };
  const lower: NumericBound = { value: lo.value, inclusive: lo.op === '>=' };
  const upper: NumericBound = { value: hi.value, inclusive: hi.op === '<=' };
  if (lower.value > upper.value || (lower.value === upper.value && !(lower.inclusive && upper.inclusive))) {
    return fail(
      `${JSON.stringify(operand)} can never match: no number is ${lo.op} ${lo.value} and ${hi.op} ${hi.value}; ` +
        `swap the bounds or fix the values`,
    );
  }
  return { kind: 'numeric', lower, upper, source: operand };
}

function checkAnythingBut(operand: unknown, path: Path, errors: PatternError[]): Alternative | undefined {
  const fail = (message: string, at: Path = path): undefined => {
    errors.push({ path: patternPath(at), message });
    return undefined;
  };
  const usage =
    'a value, a list of values, or one of {"prefix": "..."}, {"suffix": "..."}, {"equals-ignore-case": "..."}, {"wildcard": "..."}';
  const literal = checkLiteral(operand, path, errors);
  if (literal === NOT_LITERAL) return undefined;
  if (literal !== undefined) return { kind: 'anything-but', excluded: [{ kind: 'literal', value: literal as Literal }], source: operand };
  if (Array.isArray(operand)) {
    if (operand.length === 0) return fail(`anything-but with an empty list excludes nothing: list the values to exclude, e.g. {"anything-but": ["a", "b"]}`);
    const excluded: Alternative[] = [];
    let bad = false;
    operand.forEach((v, i) => {
      const lit = checkLiteral(v, [...path, i], errors);
      if (lit === NOT_LITERAL) bad = true;
      else if (lit === undefined) {
        fail(`anything-but lists plain values only (strings, numbers, true, false, null), not ${describeJson(v)}`, [...path, i]);
        bad = true;
      } else excluded.push({ kind: 'literal', value: lit as Literal });
    });
    return bad ? undefined : { kind: 'anything-but', excluded, source: operand };
  }
  if (isPlainObject(operand) && Object.keys(operand).length === 1) {
    const op = Object.keys(operand)[0] as string;
    const inner = operand[op];
    const here = [...path, op];
    if (op === 'prefix' || op === 'suffix') {
      if (typeof inner !== 'string') return fail(`${op} inside anything-but takes a string, e.g. {"anything-but": {"${op}": "test."}}`, here);
      return { kind: 'anything-but', excluded: [{ kind: op, text: inner, ignoreCase: false }], source: operand };
    }
    if (op === 'equals-ignore-case' || op === 'wildcard') {
      const texts = typeof inner === 'string' ? [inner] : inner;
      if (!Array.isArray(texts) || texts.length === 0 || !texts.every((t) => typeof t === 'string')) {
        return fail(`${op} inside anything-but takes a string or a non-empty list of strings, e.g. {"anything-but": {"${op}": ["a", "b"]}}`, here);
      }
      const excluded: Alternative[] = [];
      for (const text of texts as string[]) {
        if (op === 'equals-ignore-case') excluded.push({ kind: op, text });
        else {
          const parsed = parseWildcard(text);
          if (!parsed.ok) return fail(parsed.message, here);
          excluded.push({ kind: op, source: text, parts: parsed.parts });
        }
      }
      return { kind: 'anything-but', excluded, source: operand };
    }
  }
  return fail(`anything-but takes ${usage}; got ${describeJson(operand)}`);
}

/** Marks a value that looked like a literal but was refused (its error is already recorded). */
const NOT_LITERAL = Symbol('not a literal');

function checkLiteral(value: unknown, path: Path, errors: PatternError[]): Literal | typeof NOT_LITERAL | undefined {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    errors.push({ path: patternPath(path), message: `must be a finite number, not ${String(value)}: use an ordinary number such as 100` });
    return NOT_LITERAL;
  }
  return undefined;
}

function isOperator(op: string): op is PatternOperator {
  return (PATTERN_OPERATORS as readonly string[]).includes(op);
}

function operatorList(): string {
  return PATTERN_OPERATORS.map((o) => `"${o}"`).join(', ');
}

function closestOperator(op: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of PATTERN_OPERATORS) {
    const d = editDistance(op.toLowerCase(), known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/**
 * True for an object written with braces: not null, not an array.
 *
 * @example
 * isPlainObject({}) // => true
 * isPlainObject([]) // => false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeJson(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list ${truncate(safeJson(value))}`;
  if (isPlainObject(value)) return `an object ${truncate(safeJson(value))}`;
  return truncate(safeJson(value));
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
