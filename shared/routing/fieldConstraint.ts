import { checkPattern } from './checkPattern';
import { compileValueTest } from './compilePatternTree';
import type { EventPattern } from './EventPattern';
import type { ObjectNode } from './PatternTree';

type ValueTest = (value: unknown) => boolean;

/**
 * The test a pattern applies to one field of the event, ignoring every other field: give
 * it the field's value (undefined when the event lacks the field). Returns undefined when
 * the pattern does not constrain the field. A constraint found only inside `$or` branches
 * counts when every branch constrains the field; the test then accepts a value that any
 * branch accepts. An invalid pattern constrains nothing here (compilePattern reports it).
 * The compiler uses this to tell that a rule can never match the events that reach it.
 *
 * @example
 * const onType = fieldConstraint({ type: ['payment.refunded'], data: { total: [1] } }, ['type']);
 * onType?.('checkout.order.placed') // => false: this rule can never match those events
 * fieldConstraint({ source: ['shop'] }, ['type']) // => undefined
 */
export function fieldConstraint(pattern: EventPattern, path: string[]): ValueTest | undefined {
  if (path.length === 0) return undefined;
  const checked = checkPattern(pattern);
  if (!checked.ok) return undefined;
  return constraintAt(checked.tree, path);
}

function constraintAt(node: ObjectNode, path: readonly string[]): ValueTest | undefined {
  const [key, ...rest] = path as [string, ...string[]];
  const tests: ValueTest[] = [];
  for (const field of node.fields) {
    if (field.key !== key) continue;
    if (rest.length === 0) tests.push(compileValueTest(field.node));
    else if (field.node.kind === 'object') {
      const inner = constraintAt(field.node, rest);
      if (inner) tests.push(inner);
    }
  }
  if (node.or.length > 0) {
    const branches: ValueTest[] = [];
    for (const branch of node.or) {
      const test = constraintAt(branch, path);
      if (!test) {
        branches.length = 0;
        break;
      }
      branches.push(test);
    }
    if (branches.length > 0) tests.push((v) => branches.some((t) => t(v)));
  }
  if (tests.length === 0) return undefined;
  return (v) => tests.every((t) => t(v));
}
