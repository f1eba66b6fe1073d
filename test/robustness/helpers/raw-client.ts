import { Agent, request } from 'node:http';

/** A request as a hostile client may send it: any method, raw path, any headers, any bytes. */
export type RawRequest = {
  method: string;
  /** Already encoded: sent as is, so a test can send malformed escapes on purpose. */
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Send the body in 64 KiB chunks without a content-length (transfer-encoding: chunked). */
  chunked?: boolean;
};

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; text: string; body: unknown };

/**
 * node:http with keep-alive rather than fetch: fetch refuses bodies on GET, odd methods and some
 * header values, which is exactly the traffic these tests need to send.
 */
export function rawClient(base: string, { sockets = 16 } = {}) {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  let sent = 0;
  const send = (req: RawRequest): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      sent++;
      const headers: Record<string, string | number> = { ...req.headers };
      // Node frames GET/DELETE bodies as chunked only when told to.
      if (req.body !== undefined) Object.assign(headers, req.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': Buffer.byteLength(req.body) });
      const outgoing = request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      });
      outgoing.on('error', reject);
      if (!req.chunked || req.body === undefined) return void outgoing.end(req.body);
      const bytes = Buffer.from(req.body);
      for (let at = 0; at < bytes.length; at += 65_536) outgoing.write(bytes.subarray(at, at + 65_536));
      outgoing.end();
    });
  return {
    send,
    /** How many requests this client has sent. */
    get sent() {
      return sent;
    },
    close: () => agent.destroy(),
  };
}

export type RawClient = ReturnType<typeof rawClient>;
