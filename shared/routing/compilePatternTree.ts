import { alternativeTest, anyOf } from './alternativeTest';
import { isPlainObject } from './checkPattern';
import type { LeafNode, ObjectNode, PatternNode } from './PatternTree';

/** A compiled leaf: does the field, given its value and whether it is there, match? */
export type LeafTest = (value: unknown, present: boolean) => boolean;
/** A compiled object level: does this object match every field and the `$or`? */
export type ObjectTest = (obj: Record<string, unknown>) => boolean;

type FieldTest = (obj: Record<string, unknown>) => boolean;

/**
 * Compile a leaf list into one closure. Literal alternatives go into a Set (one lookup
 * however many there are), operators into prepared tests; `exists` decides the missing case.
 * An array value matches if any element does, as in EventBridge; `exists` looks at the
 * field itself.
 *
 * @example
 * compileLeaf({ kind: 'leaf', alternatives: [{ kind: 'literal', value: 'a' }] })(['b', 'a'], true) // => true
 */
export function compileLeaf(leaf: LeafNode): LeafTest {
  const literals = new Set<unknown>();
  const tests: ((value: unknown) => boolean)[] = [];
  let whenMissing = false;
  let anyPresent = false;
  for (const alt of leaf.alternatives) {
    if (alt.kind === 'literal') literals.add(alt.value);
    else if (alt.kind === 'exists') {
      if (alt.present) anyPresent = true;
      else whenMissing = true;
    } else tests.push(alternativeTest(alt));
  }
  const operators = anyOf(tests);
  const element: (value: unknown) => boolean =
    literals.size === 0 ? operators : tests.length === 0 ? (v) => literals.has(v) : (v) => literals.has(v) || operators(v);
  if (anyPresent) return whenMissing ? () => true : (_v, present) => present;
  return (v, present) => {
    if (!present) return whenMissing;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (element(v[i])) return true;
      return false;
    }
    return element(v);
  };
}

/**
 * Compile one object level: every field must match (AND), and one `$or` branch if any.
 *
 * @example
 * compileObject(tree)({ type: 'order.placed' }) // => true or false
 */
export function compileObject(node: ObjectNode): ObjectTest {
  const tests: FieldTest[] = node.fields.map(({ key, node: child }) => compileField(key, child));
  if (node.or.length > 0) {
    const branches = node.or.map(compileObject);
    tests.push((obj) => {
      for (let i = 0; i < branches.length; i++) if ((branches[i] as ObjectTest)(obj)) return true;
      return false;
    });
  }
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0] as FieldTest;
  return (obj) => {
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as FieldTest)(obj)) return false;
    return true;
  };
}

/**
 * Compile the test a node applies to one field's value (undefined when the field is
 * missing), whatever the node: a leaf, or a nested object that an object value (or any
 * object element of an array value) must match. A nested pattern over a missing or non-
 * object value is judged as over `{}`, so `{"exists": false}` inside it still works.
 *
 * @example
 * compileValueTest(node)({ total: 120 }) // => true or false
 */
export function compileValueTest(node: PatternNode): (value: unknown) => boolean {
  if (node.kind === 'leaf') {
    const leaf = compileLeaf(node);
    return (v) => leaf(v, v !== undefined);
  }
  const inner = compileObject(node);
  const whenNotObject = inner({});
  return (v) => {
    if (isPlainObject(v)) return inner(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const e: unknown = v[i];
        if (isPlainObject(e) ? inner(e) : whenNotObject) return true;
      }
      return false;
    }
    return whenNotObject;
  };
}

/** Keys such as "constructor" that an object inherits: only for those is an own-key check needed. */
const INHERITED = Object.prototype as unknown as Record<string, unknown>;

function compileField(key: string, node: PatternNode): FieldTest {
  const inherited = key in INHERITED;
  const read = inherited
    ? (obj: Record<string, unknown>) => (Object.hasOwn(obj, key) ? obj[key] : undefined)
    : (obj: Record<string, unknown>) => obj[key];
  if (node.kind === 'leaf') {
    const leaf = compileLeaf(node);
    if (!inherited) {
      return (obj) => {
        const v = obj[key];
        return leaf(v, v !== undefined);
      };
    }
    return (obj) => {
      const v = read(obj);
      return leaf(v, v !== undefined);
    };
  }
  const test = compileValueTest(node);
  return (obj) => test(read(obj));
}

/**
 * Compile a whole checked pattern into the matcher for events. An event that is not an
 * object is judged as `{}`.
 *
 * @example
 * compileTree(tree)({ type: 'order.placed' }) // => true or false
 */
export function compileTree(tree: ObjectNode): (event: unknown) => boolean {
  const root = compileObject(tree);
  const whenNotObject = root({});
  return (event) => (isPlainObject(event) ? root(event) : whenNotObject);
}
