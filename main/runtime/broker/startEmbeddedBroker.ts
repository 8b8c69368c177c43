import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { Aedes } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';

/** The address the embedded broker binds: loopback only, a simulation is not a service. */
export const EMBEDDED_BROKER_HOST = '127.0.0.1';
/** What the embedded broker (aedes 1.x) can do: hand this to compileFlow before an embedded run. */
export const EMBEDDED_BROKER_CAPABILITIES = { mqtt5: false, sharedSubscriptions: false } as const;
/** The SUBACK code of a refused subscription (MQTT 3.1.1 3.9.3), which aedes puts in place of the QoS. */
const SUBACK_FAILURE = 128;
/** How long closing waits for clients to go before the sockets are destroyed. */
export const EMBEDDED_CLOSE_TIMEOUT_MS = 2_000;

export interface EmbeddedBroker {
  /** `mqtt://127.0.0.1:<port>`: what outside clients (mosquitto_sub, MQTTX) connect to. */
  readonly url: string;
  readonly port: number;
  /** `ws://127.0.0.1:<port>` when a WebSocket listener was asked for. */
  readonly wsUrl?: string;
  /**
   * Hear every granted subscription (after its SUBACK, so a message published from now on
   * reaches it): the client id and the filters. Returns unsubscribe.
   */
  onSubscribe(listener: (clientId: string, filters: string[]) => void): () => void;
  close(): Promise<void>;
}

/**
 * Start aedes in this process on 127.0.0.1 (port 0 = a free port), optionally with an MQTT
 * over WebSocket listener. aedes is MQTT 3.1.1 with an in-memory persistence: persistent
 * sessions and QoS 1 queues work for the life of the run.
 *
 * @example
 * const broker = await startEmbeddedBroker({ port: 0 });
 * console.log(broker.url); // mqtt://127.0.0.1:40123
 * await broker.close();
 */
export async function startEmbeddedBroker(options: { port?: number; wsPort?: number } = {}): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  // A misbehaving outside client must never take the run down; aedes reports it and drops it.
  aedes.on('clientError', () => {});
  aedes.on('connectionError', () => {});
  const subscribeListeners = new Set<(clientId: string, filters: string[]) => void>();
  aedes.on('subscribe', (subscriptions, client) => {
    const filters = subscriptions.filter((s) => (s.qos as number) !== SUBACK_FAILURE).map((s) => s.topic);
    if (filters.length === 0 || !client) return;
    for (const listener of subscribeListeners) listener(client.id, filters);
  });
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    aedes.handle(socket);
  });
  let http: HttpServer | undefined;
  let wss: WebSocketServer | undefined;
  try {
    await listen(server, options.port ?? 0);
    if (options.wsPort !== undefined) {
      http = createHttpServer();
      wss = new WebSocketServer({ server: http });
      wss.on('connection', (websocket, req) => aedes.handle(createWebSocketStream(websocket), req));
      await listen(http, options.wsPort);
    }
  } catch (err) {
    server.close();
    http?.close();
    aedes.close();
    throw err;
  }
  const port = (server.address() as { port: number }).port;
  const wsPort = http ? (http.address() as { port: number }).port : undefined;
  let closing: Promise<void> | undefined;
  return {
    url: `mqtt://${EMBEDDED_BROKER_HOST}:${port}`,
    port,
    wsUrl: wsPort === undefined ? undefined : `ws://${EMBEDDED_BROKER_HOST}:${wsPort}`,
    onSubscribe(listener) {
      subscribeListeners.add(listener);
      return () => subscribeListeners.delete(listener);
    },
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const client of wss?.clients ?? []) client.terminate();
        wss?.close();
        const httpClosed = http ? new Promise<void>((resolve) => http.close(() => resolve())) : Promise.resolve();
        await new Promise<void>((resolve) => aedes.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await withTimeout(Promise.all([serverClosed, httpClosed]), EMBEDDED_CLOSE_TIMEOUT_MS);
      })();
      return closing;
    },
  };
}

function listen(server: Server | HttpServer, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(new Error(`cannot listen on ${EMBEDDED_BROKER_HOST}:${port} (${(err as NodeJS.ErrnoException).code ?? err.message}): choose another port or 0 for a free one`));
    server.once('error', onError);
    server.listen(port, EMBEDDED_BROKER_HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
