import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { classifyEdge } from './classifyEdge';
import { channelTitle, nodeTitle } from './displayNames';

/**
 * Edges that cannot carry events, and nodes with more than one dead-letter channel:
 * `dangling-edge` (an end names no node), `forbidden-edge` (into a producer, or a node to
 * itself) and `duplicate-dead-letter`. All errors.
 *
 * @example
 * checkChannels(createCompileContext(docWithEdgeIntoProducer))
 * // => [{ code: 'forbidden-edge', severity: 'error', edgeId: 'e2', path: 'edges[1].target', message: '...producers have no inputs; route into a broker or consumer' }]
 */
export function checkChannels(ctx: CompileContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { nodesById } = ctx;
  ctx.doc.edges.forEach((edge, i) => {
    const title = channelTitle(edge, nodesById);
    const kind = classifyEdge(edge, nodesById);
    switch (kind) {
      case 'channel':
        return;
      case 'dangling-source':
      case 'dangling-target':
        for (const end of ['source', 'target'] as const) {
          const id = edge[end];
          if (nodesById.has(id)) continue;
          out.push({
            severity: 'error',
            code: 'dangling-edge',
            edgeId: edge.id,
            path: `edges[${i}].${end}`,
            message: `The ${title} ${end === 'source' ? 'starts at' : 'ends at'} "${id}", but no node has that id: connect it to an existing node or delete the channel.`,
          });
        }
        return;
      case 'into-producer': {
        const target = nodesById.get(edge.target)!.node;
        out.push({
          severity: 'error',
          code: 'forbidden-edge',
          edgeId: edge.id,
          nodeId: target.id,
          path: `edges[${i}].target`,
          message: `The ${title} goes into ${nodeTitle(target)}, but producers have no inputs; route into a broker or consumer.`,
        });
        return;
      }
      case 'self-loop': {
        const node = nodesById.get(edge.source)!.node;
        out.push({
          severity: 'error',
          code: 'forbidden-edge',
          edgeId: edge.id,
          nodeId: node.id,
          path: `edges[${i}].target`,
          message: `The ${title} connects ${nodeTitle(node)} to itself, so its events would loop back forever: connect it to another node or delete it.`,
        });
        return;
      }
    }
  });
  for (const [nodeId, channels] of ctx.outgoing) {
    const deadLetters = channels.filter((c) => c.edge.deadLetter);
    const first = deadLetters[0];
    for (const extra of deadLetters.slice(1)) {
      out.push({
        severity: 'error',
        code: 'duplicate-dead-letter',
        nodeId,
        edgeId: extra.edge.id,
        path: `edges[${extra.index}].deadLetter`,
        message: `${nodeTitle(extra.source.node)} has more than one dead-letter channel: the ${channelTitle(first!.edge, nodesById)} and the ${channelTitle(extra.edge, nodesById)}. Keep one and make the other an ordinary channel.`,
      });
    }
  }
  return out.sort(byEdgeIndex);
}

/** Diagnostics in document order of the edge they name (paths start with `edges[i]`). */
function byEdgeIndex(a: Diagnostic, b: Diagnostic): number {
  return edgeIndex(a) - edgeIndex(b);
}

function edgeIndex(d: Diagnostic): number {
  const m = /^edges\[(\d+)\]/.exec(d.path ?? '');
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}
