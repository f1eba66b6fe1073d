import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestCore } from './request-core.js';
import { readNodeBody } from './node-body.js';

/**
 * node:http in front of the request core: hands over the request as plain data (the body read only
 * when the route asks for it), writes the reply, and cuts the socket when a fault says drop.
 */
export function nodeListener(core: RequestCore) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    core({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      readBody: (limitBytes) => readNodeBody(req, limitBytes),
      remoteAddress: req.socket.remoteAddress ?? '',
    }).then(
      (reply) => {
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        // A length instead of chunked framing: fewer bytes and less work per response.
        if (reply.body !== undefined) reply.headers['content-length'] = String(typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.byteLength);
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
      },
      (error) => {
        // The core turns every error into a reply; reaching here is a bug, answered without detail.
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('ordermock: internal error');
        process.emitWarning(`ordermock: request core failed: ${(error as Error)?.stack ?? error}`);
      },
    );
  };
}
