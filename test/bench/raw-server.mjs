// The benchmark's ceiling: plain node:http doing the least work the mock's job allows on Dirty Lemon —
// read the token, parse JSON, validate the create body with the ajv schema compiled from the spec,
// look orders up in a Map, answer JSON. Plain JavaScript so it runs under `node` like the others.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createSchemaCompiler } from '../../dist/spec/schemas.js';
import { loadSpec } from '../../dist/spec/load.js';

const doc = loadSpec('dirtylemon');
const validateCreate = createSchemaCompiler('dirtylemon', doc).named('CreateOrderRequest');
const example = doc.components.examples;
const template = example.CreatedOrder.value;
// The document's order id with a created order's body: the same size as the mock's fixture order.
const orders = new Map([[example.RetrievedOrder.value.id, { ...template, id: example.RetrievedOrder.value.id }]]);
const prices = new Map(template.line_items.map((item) => [item.sku.id, item.sku]));

// The same headers the mock sends (content type, CORS), with a length so nothing is chunked.
const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', 'access-control-expose-headers': 'content-type, x-ordermock-tenant' };
const BEARER = /^Bearer +([\x21-\x7e]{1,512})$/i;

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const error = (res, status, code) => send(res, status, { error: { code, message: code, param: null } });

function createOrder(res, customerId, text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return error(res, 400, 'invalid_request');
  }
  if (!validateCreate(body)) return error(res, 400, 'invalid_request');
  const now = new Date().toISOString();
  const lineItems = [];
  for (const item of body.line_items) {
    const sku = prices.get(item.sku);
    if (!sku) return error(res, 422, 'sku_not_found');
    lineItems.push({ id: randomUUID(), description: sku.id, amount: sku.price * item.quantity, quantity: item.quantity, sku, created_at: now, updated_at: now });
  }
  const order = { ...template, id: randomUUID(), customer_id: customerId, coupon_id: body.coupon ?? null, line_items: lineItems, created_at: now, updated_at: now };
  orders.set(order.id, order);
  send(res, 201, order);
}

function transition(res, id, to) {
  const order = orders.get(id);
  if (!order) return error(res, 404, 'order_not_found');
  const next = { ...order, status: to, updated_at: new Date().toISOString() };
  orders.set(id, next);
  send(res, 200, next);
}

const server = createServer((req, res) => {
  if (!BEARER.test(req.headers.authorization ?? '')) return error(res, 401, 'unauthorized');
  const parts = req.url.split('/'); // ['', 'v1', 'orders' | 'customers', id, action?]
  if (req.method === 'GET' && parts[2] === 'orders' && parts.length === 4) {
    const order = orders.get(parts[3]);
    return order ? send(res, 200, order) : error(res, 404, 'order_not_found');
  }
  if (req.method !== 'POST') return error(res, 404, 'not_found');
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (parts[2] === 'customers' && parts[4] === 'orders') return createOrder(res, parts[3], Buffer.concat(chunks).toString('utf8'));
    if (parts[2] === 'orders' && parts[4] === 'pay') return transition(res, parts[3], 'paid');
    if (parts[2] === 'orders' && parts[4] === 'cancel') return transition(res, parts[3], 'canceled');
    error(res, 404, 'not_found');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.argv[2]), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
