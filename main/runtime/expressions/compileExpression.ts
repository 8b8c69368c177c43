import jsonata from 'jsonata';

/** How long one evaluation may run before it is abandoned (a runaway `$map` or recursion). */
export const EXPRESSION_TIMEOUT_MS = 250;
/** How deep evaluation may nest (recursive lambdas). */
export const EXPRESSION_MAX_DEPTH = 200;
/** The largest result one evaluation may produce, as JSON; larger results fail the event. */
export const MAX_EXPRESSION_OUTPUT_BYTES = 128 * 1024;

export type ExpressionResult = { ok: true; value: unknown } | { ok: false; error: string };

/** A JSONata expression compiled once; evaluation is async (jsonata 2.x) and never throws. */
export interface CompiledExpression {
  readonly source: string;
  /** `where` names the setting in messages, e.g. `outputs[0].transform`. */
  readonly where: string;
  evaluate(input: unknown, bindings?: Record<string, unknown>): Promise<ExpressionResult>;
}

/**
 * Compile a JSONata expression of a node's settings. A syntax error is returned as a value
 * (the compiler reports these before a run; this is the runtime's own guard). Evaluation is
 * bounded in time and depth, and its result in size, and the result is plain JSON (JSONata's
 * internal sequence markers are dropped), so it can go straight into an event.
 *
 * @example
 * const r = compileExpression('data.total > 100', 'failure.when');
 * if (r.ok) await r.expression.evaluate({ data: { total: 150 } }) // => { ok: true, value: true }
 */
export function compileExpression(
  source: string,
  where: string,
): { ok: true; expression: CompiledExpression } | { ok: false; error: string } {
  let expr: jsonata.Expression;
  try {
    expr = jsonata(source, { timeout: EXPRESSION_TIMEOUT_MS, stack: EXPRESSION_MAX_DEPTH });
  } catch (err) {
    return { ok: false, error: `${where}: ${describeJsonataError(err)} in ${JSON.stringify(source)}` };
  }
  return {
    ok: true,
    expression: {
      source,
      where,
      async evaluate(input, bindings) {
        let value: unknown;
        try {
          value = await expr.evaluate(input, bindings);
        } catch (err) {
          return { ok: false, error: `${where}: ${describeJsonataError(err)}` };
        }
        return toPlainJson(value, where);
      },
    },
  };
}

function toPlainJson(value: unknown, where: string): ExpressionResult {
  if (value === undefined) return { ok: true, value: undefined };
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'string') {
    return value.length > MAX_EXPRESSION_OUTPUT_BYTES ? tooLarge(where, value.length) : { ok: true, value };
  }
  if (typeof value === 'function') return { ok: false, error: `${where}: the expression returned a function, not a value` };
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    return { ok: false, error: `${where}: the result is not JSON (${(err as Error).message})` };
  }
  if (text === undefined) return { ok: true, value: undefined };
  if (text.length > MAX_EXPRESSION_OUTPUT_BYTES) return tooLarge(where, text.length);
  return { ok: true, value: JSON.parse(text) };
}

function tooLarge(where: string, size: number): ExpressionResult {
  return {
    ok: false,
    error: `${where}: the result is ${size} bytes of JSON; the limit is ${MAX_EXPRESSION_OUTPUT_BYTES} bytes: produce less data`,
  };
}

/** jsonata throws plain objects `{ code, message, position, token }`, not Errors. */
export function describeJsonataError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: string; message?: string; position?: number };
    if (e.code === 'D1012') return `evaluation took longer than ${EXPRESSION_TIMEOUT_MS} ms and was stopped`;
    if (e.code === 'D1011') return `evaluation nested deeper than ${EXPRESSION_MAX_DEPTH} levels and was stopped`;
    const where = typeof e.position === 'number' ? ` (at character ${e.position})` : '';
    return `${e.message ?? String(err)}${where}`;
  }
  return String(err);
}
