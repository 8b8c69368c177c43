import { filtersOverlap, validateTopicFilter, validateTopicName } from '../routing';
import type { ProducerNode } from '../flow/FlowDocument';
import type { CompileContext } from './CompileContext';
import type { Diagnostic } from './RuntimePlan';
import { channelTitle, nodeTitle } from './displayNames';

/**
 * Topics and topic filters: `invalid-topic` for a channel topic that is not a publishable
 * topic name, a rule's `topicFilter` or an external producer's `external.topicFilter` that
 * is not a valid filter; `topic-collision` when two channels share a topic (every
 * subscriber of one would get the other's events too), when an external producer's
 * filter matches a channel's topic (it would take the flow's own events in again), or when
 * two external producers' filters overlap (an outside event would enter the flow twice).
 *
 * A rule's topicFilter subscribes to nothing (it is tested against the topic an event came
 * in on), so it cannot deliver events to another subscriber and takes no part in collisions;
 * checkRules warns when it can never match.
 *
 * @example
 * checkTopics(ctx) // two channels on "orders" =>
 * // [{ code: 'topic-collision', severity: 'error', edgeId: 'e2', path: 'edges[1].topic', message: 'The channel "Shop → Audit" (topic orders) uses the same topic as ...' }]
 */
export function checkTopics(ctx: CompileContext): Diagnostic[] {
  const { doc, nodesById } = ctx;
  const out: Diagnostic[] = [];
  const validTopic: boolean[] = [];

  doc.edges.forEach((edge, i) => {
    const title = channelTitle(edge, nodesById);
    const problem = validateTopicName(edge.topic);
    validTopic[i] = problem === null;
    if (problem) {
      out.push({
        severity: 'error',
        code: 'invalid-topic',
        edgeId: edge.id,
        path: `edges[${i}].topic`,
        message: `The ${title} cannot publish on "${edge.topic}": ${problem.message}. Use a topic name without + or #, such as shop/orders/placed.`,
      });
    }
    const filter = edge.rule?.topicFilter;
    if (filter === undefined) return;
    const filterProblem = validateTopicFilter(filter);
    if (filterProblem) {
      out.push({
        severity: 'error',
        code: 'invalid-topic',
        edgeId: edge.id,
        path: `edges[${i}].rule.topicFilter`,
        message: `The routing rule of the ${title} has an invalid topic filter "${filter}": ${filterProblem.message}. Fix the filter (for example shop/orders/#) or remove it.`,
      });
    }
  });

  const externals: { node: ProducerNode; index: number; filter: string }[] = [];
  doc.nodes.forEach((node, index) => {
    if (node.kind !== 'producer' || node.settings.external === undefined) return;
    const filter = node.settings.external.topicFilter;
    const problem = validateTopicFilter(filter);
    if (problem) {
      out.push({
        severity: 'error',
        code: 'invalid-topic',
        nodeId: node.id,
        path: `nodes[${index}].settings.external.topicFilter`,
        message: `${nodeTitle(node)} subscribes to the invalid topic filter "${filter}": ${problem.message}. Fix the filter, for example webhooks/orders/#.`,
      });
    } else if (node.settings.mode === 'external') {
      externals.push({ node, index, filter });
    }
  });

  const firstByTopic = new Map<string, number>();
  doc.edges.forEach((edge, i) => {
    if (!validTopic[i]) return;
    const first = firstByTopic.get(edge.topic);
    if (first === undefined) {
      firstByTopic.set(edge.topic, i);
      return;
    }
    out.push({
      severity: 'error',
      code: 'topic-collision',
      edgeId: edge.id,
      path: `edges[${i}].topic`,
      message: `The ${channelTitle(edge, nodesById)} uses the same topic as the ${channelTitle(doc.edges[first]!, nodesById)}: each channel's subscriber would also get the other's events. Give each channel its own topic.`,
    });
  });

  externals.forEach((ext, k) => {
    doc.edges.forEach((edge, i) => {
      if (!validTopic[i] || !filtersOverlap(ext.filter, edge.topic)) return;
      out.push({
        severity: 'error',
        code: 'topic-collision',
        nodeId: ext.node.id,
        edgeId: edge.id,
        path: `nodes[${ext.index}].settings.external.topicFilter`,
        message: `${nodeTitle(ext.node)} subscribes to "${ext.filter}", which also matches the ${channelTitle(edge, nodesById)}: it would take that channel's events into the flow again. Narrow the filter or move the channel to another topic.`,
      });
    });
    for (const earlier of externals.slice(0, k)) {
      if (!filtersOverlap(earlier.filter, ext.filter)) continue;
      out.push({
        severity: 'error',
        code: 'topic-collision',
        nodeId: ext.node.id,
        path: `nodes[${ext.index}].settings.external.topicFilter`,
        message: `${nodeTitle(ext.node)} subscribes to "${ext.filter}", which overlaps "${earlier.filter}" of ${nodeTitle(earlier.node)}: an outside event on a topic both match would enter the flow twice. Make the two filters disjoint.`,
      });
    }
  });
  return out;
}
