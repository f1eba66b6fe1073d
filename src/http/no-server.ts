import type * as NodeServerModule from './node-server.js';

/** What the browser bundle has instead of node-server.ts: there is no socket to listen on. */
export const serveCore: typeof NodeServerModule.serveCore = () => {
  throw new Error('ordermock: listen() needs Node (node:http). In the browser, intercept requests with ordermock/msw and setupWorker.');
};
