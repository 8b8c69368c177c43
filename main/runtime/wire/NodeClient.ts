import type { IClientPublishOptions, MqttClient, Packet } from 'mqtt';
import type { BrokerConnectionState } from '../../../shared/bridge/runEvents';
import type { QoS } from '../../../shared/flow/FlowDocument';
import type { BrokerEndpoint } from '../broker/BrokerEndpoint';
import { connectMqttClient } from '../broker/connectMqttClient';

export interface WireSubscription {
  /** What goes into SUBSCRIBE, run prefix applied (`$share/<group>/<prefix><topic>` for shared ones). */
  filter: string;
  qos: QoS;
}

export type MessageHandler = (topic: string, payload: Buffer, packet: { dup?: boolean }) => void;

/**
 * The MQTT connection of one node instance. A durable one keeps a persistent session, so
 * `suspend()` (the consumer is paused) leaves its subscriptions and queued QoS 1 events in the
 * broker and `resume()` reconnects with the same client id to receive them.
 */
export class NodeClient {
  private client?: MqttClient;
  private connecting?: Promise<void>;
  state: BrokerConnectionState = 'connecting';

  constructor(
    private readonly endpoint: BrokerEndpoint,
    private readonly protocolVersion: 4 | 5,
    readonly clientId: string,
    /** false for durable consumers: a persistent session. */
    private readonly clean: boolean,
    private readonly subscriptions: WireSubscription[],
    private readonly onMessage: MessageHandler,
    private readonly onState: (client: NodeClient) => void,
    private readonly onError: (client: NodeClient, err: Error) => void,
  ) {}

  /** Connect and subscribe; rejects with a BrokerConnectionError if the broker cannot be reached in time. */
  start(): Promise<void> {
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = await connectMqttClient(
      this.endpoint,
      { clientId: this.clientId, clean: this.clean, protocolVersion: this.protocolVersion },
      (err) => this.onError(this, err),
      undefined,
      (c) => c.on('message', (topic: string, payload: Buffer, packet: Packet) => this.onMessage(topic, payload, packet as { dup?: boolean })),
    );
    this.client = client;
    // After a lost connection: a broker that kept our session still has the subscriptions.
    client.on('connect', (connack) => {
      this.setState('connected');
      if (!connack.sessionPresent) void this.subscribeAll(client).catch((err: Error) => this.onError(this, err));
    });
    client.on('reconnect', () => this.setState('reconnecting'));
    client.on('offline', () => this.setState('offline'));
    await this.subscribeAll(client);
    this.setState('connected');
  }

  private async subscribeAll(client: MqttClient): Promise<void> {
    if (this.subscriptions.length === 0) return;
    const granted = await client.subscribeAsync(
      Object.fromEntries(this.subscriptions.map((s) => [s.filter, { qos: s.qos }])),
    );
    const refused = granted.filter((g) => g.qos >= 128);
    if (refused.length > 0) {
      throw new Error(
        `the broker refused the subscription${refused.length > 1 ? 's' : ''} ${refused.map((g) => g.topic).join(', ')} of ${this.clientId}: check the broker's ACL for these topics`,
      );
    }
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /**
   * Publishes the client holds that the broker has not acknowledged: QoS 0 ones queued while
   * disconnected, and QoS 1/2 ones in its outgoing store (stored while disconnected, or sent
   * and awaiting PUBACK; mqtt.js resends these after reconnecting).
   */
  get queued(): number {
    const c = this.client as unknown as { queue?: unknown[]; outgoingStore?: { _inflights?: Map<unknown, unknown> | null } } | undefined;
    return (c?.queue?.length ?? 0) + (c?.outgoingStore?._inflights?.size ?? 0);
  }

  /** Bytes written to the socket that the broker has not read yet (TCP backpressure). */
  get unsentBytes(): number {
    return (this.client?.stream as { writableLength?: number } | undefined)?.writableLength ?? 0;
  }

  /** Fire and forget: mqtt.js queues while disconnected and retransmits QoS 1/2 after reconnecting. */
  publish(topic: string, payload: Buffer | string, options: IClientPublishOptions): void {
    this.client?.publish(topic, payload, options);
  }

  /** Disconnect, keeping a persistent session in the broker. */
  async suspend(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    client.removeAllListeners('connect');
    client.options.reconnectPeriod = 0;
    await client.endAsync(false).catch(() => {});
    this.setState('closed');
  }

  /** Reconnect with the same client id; the broker delivers what it held. */
  async resume(): Promise<void> {
    if (this.client) return;
    this.setState('connecting');
    await this.start();
  }

  async close(force = false): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.options.reconnectPeriod = 0;
      await client.endAsync(force).catch(() => {});
    }
    this.setState('closed');
  }

  private setState(state: BrokerConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.onState(this);
  }
}
