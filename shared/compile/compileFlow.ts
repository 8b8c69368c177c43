import type { FlowDocument } from '../flow/FlowDocument';
import type { CompileOptions, CompileContext } from './CompileContext';
import { createCompileContext } from './CompileContext';
import type { CompileResult, Diagnostic } from './RuntimePlan';
import { buildPlan } from './buildPlan';
import { checkBrokerCapabilities } from './checkBrokerCapabilities';
import { checkChannels } from './checkChannels';
import { checkCycles } from './checkCycles';
import { checkDeadLetters } from './checkDeadLetters';
import { checkDurability } from './checkDurability';
import { checkEventTypes } from './checkEventTypes';
import { checkExpressions } from './checkExpressions';
import { checkReachability } from './checkReachability';
import { checkRules } from './checkRules';
import { checkSettings } from './checkSettings';
import { checkTopics } from './checkTopics';

export type { CompileOptions, BrokerCapabilities } from './CompileContext';

/** The checks, in the order their findings are listed: structure first, then details. */
const CHECKS: readonly ((ctx: CompileContext) => Diagnostic[])[] = [
  checkChannels,
  checkTopics,
  checkEventTypes,
  checkSettings,
  checkRules,
  checkExpressions,
  checkCycles,
  checkBrokerCapabilities,
  checkReachability,
  checkDeadLetters,
  checkDurability,
];

/**
 * Compile a flow document into the plan the runtime starts, with every problem found as a
 * Diagnostic that names the node or channel, its JSON path and the fix. Errors mean no plan;
 * warnings keep it. Pure and deterministic (the same document gives the same result, in the
 * same order) and fast enough for the designer to run on every edit.
 *
 * @example
 * const { plan, diagnostics } = compileFlow(doc, { brokerCapabilities: { mqtt5: true, sharedSubscriptions: true } });
 * if (plan) plan.routes['shop/orders'] // => 'e1'
 * else diagnostics.filter((d) => d.severity === 'error') // => [{ code: 'dangling-edge', path: 'edges[2].target', ... }]
 */
export function compileFlow(doc: FlowDocument, options: CompileOptions = {}): CompileResult {
  const ctx = createCompileContext(doc, options);
  const diagnostics = CHECKS.flatMap((check) => check(ctx));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  return { plan: buildPlan(ctx), diagnostics };
}
