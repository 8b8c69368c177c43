import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago: taken on 127.0.0.1:0, then released. For a
 * server a test starts on a port chosen in advance, or a port where nothing listens.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
