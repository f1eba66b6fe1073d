// Run in a fresh project where ordermock's tarball and msw@2 are installed: what a new user does
// first, printed as JSON for test/package/pack.test.ts to check.
import { setupServer } from 'msw/node';
import { createMock } from 'ordermock';
import { createHandlers } from 'ordermock/msw';

const { handlers, mock } = createHandlers();
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: 'error' });

const TOKEN = 'pack-test';
const call = async (url, { method = 'GET', token = TOKEN, body } = {}) => {
  const headers = { authorization: `Bearer ${token}` };
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body && JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

const DL = 'https://api.dirtylemon.com/v1';
const created = await call(`${DL}/customers/294e03d6-df4f-4ee1-94be-e334c420381a/orders`, { method: 'POST', body: { line_items: [{ sku: '868137000115', quantity: 1 }] } });
const id = created.body.id;
const paid = await call(`${DL}/orders/${id}/pay`, { method: 'POST' });
const canceled = await call(`${DL}/orders/${id}/cancel`, { method: 'POST' });
const fulfill = await call(`${DL}/orders/${id}/fulfill`, { method: 'POST' });
const otherTenant = await call(`${DL}/orders/${id}`, { token: 'someone-else' });
const sfox = await call('https://api.sfox.com/v1/orders/124', { method: 'DELETE' });
const outbox = await mock.tenant(TOKEN).outbox({ api: 'dirtylemon' });
server.close();

const served = createMock();
const port = await served.listen(0);
const overHttp = await fetch(`http://127.0.0.1:${port}/sfox/v1/orders/123`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
const http = { status: overHttp.status, body: await overHttp.json() };
await served.close();

console.log(JSON.stringify({
  statuses: [created.status, paid.status, canceled.status],
  states: [created.body.status, paid.body.status, canceled.body.status],
  fulfill,
  otherTenant: otherTenant.status,
  sfox,
  outbox: outbox.map((entry) => entry.type),
  http,
}));
