import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeListener } from './node-adapter.js';
import type { RequestCore } from './request-core.js';

// Node only: the browser bundle replaces this module with no-server.ts (scripts/build-browser.ts).

export type NodeServer = {
  server: Server;
  /** Starts listening; resolves with the bound port (pass 0 for an ephemeral one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
};

/** A node:http server in front of a request core; nothing listens until `listen`. */
export function serveCore(core: RequestCore): NodeServer {
  const server = createServer(nodeListener(core));
  // Clients that keep connections open (browsers, load generators) should not see them cut at 5 s.
  server.keepAliveTimeout = 65_000;
  return {
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
