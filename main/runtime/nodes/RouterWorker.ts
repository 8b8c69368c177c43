import type { BrokerNodeSettings } from '../../../shared/flow/FlowDocument';
import { channelAccepts } from './Channel';
import { NodeWorker } from './NodeWorker';
import type { NodeClient } from '../wire/NodeClient';

/**
 * A broker node: a content-based router. Each arriving event is tested against the rule of
 * every outgoing channel (topic filter on the inbound topic, content pattern on the event,
 * both compiled at start) and republished, byte for byte, on every matching channel
 * (fan-out) or on the first (first-match). No match: the dead-letter channel with the reason,
 * or counted as unroutable (and the first such drop logged as a run warning with the fix).
 * Routing is synchronous: no JSONata, no re-serialisation.
 */
export class RouterWorker extends NodeWorker {
  private client!: NodeClient;

  async start(): Promise<void> {
    this.client = this.createClient(0, true, this.wireSubscriptions(0), (topic, payload) => this.onMessage(topic, payload));
    await this.client.start();
  }

  idle(): boolean {
    return this.inTransit() === 0;
  }

  private onMessage(wireTopic: string, payload: Buffer): void {
    const delivery = this.decode(wireTopic, payload);
    if (delivery === null) return;
    const event = delivery.event;
    if (event === null) {
      const reason = `not a CloudEvent: ${delivery.problem}`;
      const outcome = this.sendToDeadLetter(this.client, { raw: delivery.raw ?? '', topic: wireTopic, invalidId: delivery.invalidId }, reason);
      if (outcome === 'dropped') this.env.observer.unroutable++;
      this.trace(delivery, outcome, reason);
      return;
    }
    const firstMatch = (this.planned.node.settings as BrokerNodeSettings).mode === 'first-match';
    let routed = 0;
    for (const channel of this.channels) {
      if (channel.hasRule && !channelAccepts(channel, event, delivery.topic)) continue;
      this.send(this.client, channel, event.id, payload);
      routed++;
      if (firstMatch) break;
    }
    if (routed > 0) {
      this.stats.counters.out += routed;
      this.trace(delivery, 'routed');
      return;
    }
    const reason = `no rule of ${this.planned.name} matched (${this.channels.length} channel${this.channels.length === 1 ? '' : 's'} tested)`;
    const outcome = this.sendToDeadLetter(this.client, { event }, reason);
    if (outcome === 'dropped') this.env.observer.unroutable++;
    this.trace(delivery, outcome, reason);
  }
}
