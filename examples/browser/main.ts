/**
 * ordermock inside a web page: MSW's worker intercepts the app's own fetch calls to the real Dirty
 * Lemon URL, and the state (orders, outbox) lives in `mock`, in this page.
 */
import { setupWorker } from 'msw/browser';
import { createHandlers } from 'ordermock/msw';

const API = 'https://api.dirtylemon.com';
const CUSTOMER = '294e03d6-df4f-4ee1-94be-e334c420381a'; // the document's customer, in every fresh tenant
const TOKEN = 'browser-demo';

type Step = { step: string; request: string; status: number; body: any };

const { handlers, mock } = createHandlers();
await setupWorker(...handlers).start({ serviceWorker: { url: './mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });

const steps: Step[] = [];
async function call(step: string, method: string, path: string, body?: unknown): Promise<Step> {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const done = { step, request: `${method} ${path}`, status: res.status, body: await res.json() };
  steps.push(done);
  render(done);
  return done;
}

function render({ step, request, status, body }: Step) {
  const row = document.createElement('tr');
  const answer = body.error ? `${body.error.code}: allowed from ${body.error.allowed_from?.join(', ')}` : `order ${body.status}, total ${body.total}`;
  for (const text of [step, request, String(status), answer]) row.append(Object.assign(document.createElement('td'), { textContent: text }));
  row.className = status < 400 ? 'ok' : 'refused';
  document.querySelector('#steps')!.append(row);
}

const created = await call('create', 'POST', `/v1/customers/${CUSTOMER}/orders`, { line_items: [{ sku: '868137000115', quantity: 2 }] });
const order = created.body.id as string;
await call('pay', 'POST', `/v1/orders/${order}/pay`);
await call('cancel', 'POST', `/v1/orders/${order}/cancel`);
await call('fulfill (illegal now)', 'POST', `/v1/orders/${order}/fulfill`);

const outbox = await mock.tenant(TOKEN).outbox({ order_id: order });
document.querySelector('#outbox')!.textContent = outbox.map((e) => `${e.type}${'amount' in e.data ? ` ${e.data.amount} ${e.data.currency}` : ''}`).join(' · ');

// What the browser test reads.
Object.assign(window, { ordermockDemo: { steps, outbox } });
document.body.dataset.done = 'true';
