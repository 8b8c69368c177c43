import type { FlowNode } from '../flow/FlowDocument';
import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { nodeTitle } from './displayNames';
import { jsonataSyntaxProblem } from './jsonataSyntaxProblem';

/** One JSONata expression of a node: where it is and what the user calls it. */
interface NodeExpression {
  path: string;
  what: string;
  text: string;
}

/**
 * `invalid-expression` (error): every JSONata expression in the flow must parse, so a run
 * never stops at its first event on a typo. Only the syntax is checked (see
 * jsonataSyntaxProblem); the message carries jsonata's own explanation and the position.
 *
 * @example
 * checkExpressions(ctx) // a producer template "{ total: }" =>
 * // [{ code: 'invalid-expression', path: 'nodes[0].settings.template', message: 'The template of Producer "Storefront" is not valid JSONata: ... at character 10. ...' }]
 */
export function checkExpressions(ctx: CompileContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  ctx.doc.nodes.forEach((node, i) => {
    for (const expr of expressionsOf(node, `nodes[${i}].settings`)) {
      const problem = jsonataSyntaxProblem(expr.text);
      if (problem === null) continue;
      out.push({
        severity: 'error',
        code: 'invalid-expression',
        nodeId: node.id,
        path: expr.path,
        message: `The ${expr.what} of ${nodeTitle(node)} is not valid JSONata: ${problem}. Fix the expression (see docs.jsonata.org).`,
      });
    }
  });
  return out;
}

function expressionsOf(node: FlowNode, base: string): NodeExpression[] {
  const found: NodeExpression[] = [];
  const add = (path: string, what: string, text: string | undefined) => {
    if (text !== undefined) found.push({ path: `${base}.${path}`, what, text });
  };
  switch (node.kind) {
    case 'producer':
      add('template', 'event template', node.settings.template);
      add('correlation', 'correlation expression', node.settings.correlation);
      break;
    case 'broker':
      break;
    case 'consumer': {
      const s = node.settings;
      s.outputs.forEach((o, k) => {
        add(`outputs[${k}].transform`, `transform of output ${k + 1}`, o.transform);
        add(`outputs[${k}].when`, `"when" condition of output ${k + 1}`, o.when);
        add(`outputs[${k}].forEach`, `"forEach" of output ${k + 1}`, o.forEach);
      });
      add('failure.when', 'failure condition', s.failure?.when);
      add('transientError.when', 'transient error condition', s.transientError?.when);
      add('state.update', 'state update', s.state?.update);
      s.monitor?.rules.forEach((r, k) => {
        add(`monitor.rules[${k}].groupBy`, `groupBy of monitor rule "${r.name}"`, r.groupBy);
        add(`monitor.rules[${k}].field`, `field of monitor rule "${r.name}"`, r.field);
      });
      break;
    }
  }
  return found;
}
