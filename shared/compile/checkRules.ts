import { compilePattern, filtersOverlap, validateTopicFilter, validateTopicName } from '../routing';
import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { channelTitle, nodeTitle } from './displayNames';
import { eventTypeFlow } from './eventTypeFlow';

/** A message lists this many event types at most. */
const MAX_LISTED_TYPES = 8;

/**
 * Routing rules on channels: `invalid-pattern` (error) for each problem compilePattern finds
 * in a content pattern, and `rule-never-matches` (warning) for a rule that no event can pass:
 * its `type` constraint accepts none of the event types its source node sends (found by
 * eventTypeFlow; when those are unknown or none, nothing is said), or, on a channel leaving
 * a broker, its topicFilter matches none of the topics the broker receives on.
 *
 * @example
 * checkRules(ctx) // pattern { type: ['order.shipped'] } after a producer of 'order.placed' =>
 * // [{ code: 'rule-never-matches', severity: 'warning', edgeId: 'e1', path: 'edges[0].rule.pattern.type', message: '...' }]
 */
export function checkRules(ctx: CompileContext): Diagnostic[] {
  const { doc, nodesById } = ctx;
  const out: Diagnostic[] = [];
  doc.edges.forEach((edge, i) => {
    const pattern = edge.rule?.pattern;
    if (pattern === undefined) return;
    const compiled = compilePattern(pattern);
    if (compiled.ok) return;
    for (const error of compiled.errors) {
      out.push({
        severity: 'error',
        code: 'invalid-pattern',
        edgeId: edge.id,
        path: joinPath(`edges[${i}].rule.pattern`, error.path),
        message: `The routing pattern of the ${channelTitle(edge, nodesById)} is not valid${error.path && error.path !== WHOLE_PATTERN ? ` at ${error.path}` : ''}: ${error.message}`,
      });
    }
  });

  const flow = eventTypeFlow(ctx);
  for (const channel of ctx.channels) {
    const { edge, index, source } = channel;
    if (edge.deadLetter || edge.rule === undefined) continue;
    const accepts = flow.typeConstraints.get(channel);
    const sent = flow.emitted.get(source.node.id);
    if (accepts !== undefined && sent !== undefined && sent !== 'unknown' && sent.size > 0) {
      const types = [...sent];
      if (!types.some((t) => accepts(t))) {
        const hasTypeKey = Object.prototype.hasOwnProperty.call(edge.rule.pattern, 'type');
        out.push({
          severity: 'warning',
          code: 'rule-never-matches',
          edgeId: edge.id,
          nodeId: source.node.id,
          path: `edges[${index}].rule.pattern${hasTypeKey ? '.type' : ''}`,
          message: `The rule of the ${channelTitle(edge, nodesById)} never matches: its pattern accepts none of the event types ${nodeTitle(source.node)} sends (${listTypes(types)}). Change the pattern's "type" or connect a source of the type it expects.`,
        });
      }
    }
    const filter = edge.rule.topicFilter;
    if (source.node.kind !== 'broker' || filter === undefined || validateTopicFilter(filter) !== null) continue;
    const inbound = (ctx.incoming.get(source.node.id) ?? []).map((c) => c.edge.topic).filter((t) => validateTopicName(t) === null);
    if (inbound.length > 0 && !inbound.some((topic) => filtersOverlap(filter, topic))) {
      out.push({
        severity: 'warning',
        code: 'rule-never-matches',
        edgeId: edge.id,
        nodeId: source.node.id,
        path: `edges[${index}].rule.topicFilter`,
        message: `The rule of the ${channelTitle(edge, nodesById)} never matches: its topic filter "${filter}" matches none of the topics ${nodeTitle(source.node)} receives on (${listTypes(inbound)}). Fix the filter or remove it.`,
      });
    }
  }
  return out;
}

/** Whole-pattern errors carry this path (see PatternError). */
const WHOLE_PATTERN = '(pattern)';

/** `edges[3].rule.pattern` + `data.total` or `["detail-type"]` or `(pattern)` => one JSON path. */
function joinPath(base: string, sub: string): string {
  if (!sub || sub === WHOLE_PATTERN) return base;
  return sub.startsWith('[') ? `${base}${sub}` : `${base}.${sub}`;
}

function listTypes(types: readonly string[]): string {
  const shown = types.slice(0, MAX_LISTED_TYPES).join(', ');
  return types.length > MAX_LISTED_TYPES ? `${shown} and ${types.length - MAX_LISTED_TYPES} more` : shown;
}
