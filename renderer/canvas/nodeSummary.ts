import type { BrokerNode, ConsumerNode, FlowNode, Processing, ProducerNode } from '../../shared/flow/FlowDocument';

/**
 * The one-line summary a node card shows under its event type: what a person would ask
 * first about it (how fast, how it routes, how long it works).
 *
 * @example
 * nodeSummary(storefront) // => '5/s · jitter 20%'
 */
export function nodeSummary(node: FlowNode, outputs: number): string {
  switch (node.kind) {
    case 'producer':
      return producerSummary(node);
    case 'broker':
      return brokerSummary(node, outputs);
    case 'consumer':
      return consumerSummary(node);
  }
}

/** The event types a node sends, for the card's type line. */
export function nodeEventTypes(node: FlowNode): string[] {
  switch (node.kind) {
    case 'producer':
      return [node.settings.eventType];
    case 'broker':
      return [];
    case 'consumer': {
      const types = node.settings.outputs.map((o) => o.eventType);
      if (node.settings.role === 'monitor') for (const r of node.settings.monitor?.rules ?? []) types.push(r.alertType);
      return [...new Set(types)];
    }
  }
}

function producerSummary(node: ProducerNode): string {
  const s = node.settings;
  if (s.mode === 'manual') return 'Manual: fired by hand';
  if (s.mode === 'external') return s.external ? `Listens on ${s.external.topicFilter}` : 'External: no topic filter yet';
  const parts = [`${formatNumber(s.ratePerSecond)}/s`];
  if (s.profile.kind === 'ramp') parts.push(`ramp from ${formatNumber(s.profile.fromPerSecond)}/s`);
  if (s.profile.kind === 'spike') parts.push(`×${formatNumber(s.profile.multiplier)} spikes`);
  if (s.jitter > 0) parts.push(`jitter ${Math.round(s.jitter * 100)}%`);
  if (s.burst) parts.push(`bursts of ${s.burst.size}`);
  if (s.limit?.count) parts.push(`${s.limit.count} max`);
  return parts.join(' · ');
}

function brokerSummary(node: BrokerNode, outputs: number): string {
  const mode = node.settings.mode === 'fan-out' ? 'Fan-out' : 'First match';
  return `${mode} · ${outputs} ${outputs === 1 ? 'route' : 'routes'}`;
}

function consumerSummary(node: ConsumerNode): string {
  const s = node.settings;
  if (s.role === 'monitor') {
    const rules = s.monitor?.rules.length ?? 0;
    return `Monitor · ${rules} ${rules === 1 ? 'rule' : 'rules'}`;
  }
  const parts: string[] = [];
  if (s.instances > 1) parts.push(`×${s.instances} instances`);
  parts.push(processingSummary(s.processing));
  const failure = s.failure?.probability;
  if (failure) parts.push(`fails ${formatNumber(failure * 100)}%`);
  if (s.retry.maxRetries > 0) parts.push(`${s.retry.maxRetries} retries`);
  return parts.join(' · ');
}

function processingSummary(p: Processing): string {
  switch (p.distribution) {
    case 'fixed':
      return p.ms === 0 ? 'instant' : `${formatNumber(p.ms)} ms`;
    case 'uniform':
      return `${formatNumber(p.minMs)}–${formatNumber(p.maxMs)} ms`;
    case 'normal':
      return `~${formatNumber(p.meanMs)} ms ±${formatNumber(p.stddevMs)}`;
    case 'exponential':
      return `~${formatNumber(p.meanMs)} ms (exp)`;
  }
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}
