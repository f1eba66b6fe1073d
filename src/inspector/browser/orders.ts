import type { InspectorConfig } from '../page.js';
import { must, type Admin, type JournalEntry, type OrderCounts, type OutboxEntry } from './admin.js';
import { byId, h, prettyJson, svg, timeOfDay } from './dom.js';
import { isRefused } from './requests.js';

type Api = InspectorConfig['apis'][number]['name'];
const LIST_LIMIT = 100;

/**
 * Whether a journal entry concerns an order: its id is a path segment (retrieve, pay, cancel…) or
 * an `id`/`identity` in a body (a create's reply, a RetailOPS webhook and its event).
 */
export function mentionsOrder(entry: JournalEntry, id: string): boolean {
  if (entry.path.split(/[/?]/).includes(id)) return true;
  const search = (value: unknown, depth: number): boolean => {
    if (depth > 6 || value === null || typeof value !== 'object') return false;
    return Object.entries(value).some(([key, child]) => ((key === 'id' || key === 'identity') && String(child) === id) || search(child, depth + 1));
  };
  return search(entry.request_body, 0) || search(entry.response_body, 0);
}

/** Draws or updates the count badge at a state box's top-right corner. */
function showCount(state: SVGGElement, count: number) {
  state.dataset.count = String(count);
  state.classList.toggle('has-orders', count > 0);
  state.querySelector('.count')?.remove();
  if (!count) return;
  const box = state.querySelector('rect')!;
  const [x, y, w] = ['x', 'y', 'width'].map((a) => Number(box.getAttribute(a)));
  const badge = svg('g', { class: 'count' });
  badge.append(svg('circle', { cx: x! + w!, cy: y!, r: count > 99 ? 13 : 10 }), svg('text', { x: x! + w!, y: y! }, String(count)));
  state.append(badge);
}

/** Orders by state: a tab per API, its lifecycle diagram with the tenant's counts, the orders of a clicked state, one order's story. */
export function ordersView(config: InspectorConfig, deps: { admin: () => Admin; journal: () => JournalEntry[] }) {
  const aside = byId('state-orders');
  const detail = byId('order-detail');
  const diagram = (api: Api) => document.querySelector<HTMLElement>(`.diagram[data-api="${api}"]`)!;
  let selected: { api: Api; state: string } | null = null;
  let opened: { api: Api; id: string } | null = null;
  // A later click wins over an earlier answer still on its way.
  let listSeq = 0;
  let detailSeq = 0;

  function showTab(api: Api) {
    for (const tab of document.querySelectorAll<HTMLElement>('#api-tabs button')) tab.setAttribute('aria-current', String(tab.dataset.api === api));
    for (const d of document.querySelectorAll<HTMLElement>('.diagram')) d.hidden = d.dataset.api !== api;
  }

  async function listState() {
    const seq = ++listSeq;
    for (const g of document.querySelectorAll('svg.lc [data-state].selected')) g.classList.remove('selected');
    if (!selected) return aside.replaceChildren(h('p', { class: 'empty' }, 'Click a state to list its orders.'));
    const { api, state } = selected;
    diagram(api).querySelector(`[data-state="${state}"]`)?.classList.add('selected');
    const list = await must(deps.admin().GET('/__mock/{api}/orders', { params: { path: { api }, query: { status: state, limit: LIST_LIMIT } } }));
    if (seq !== listSeq) return;
    const items = list.orders.map((order) => {
      const id = String((order as { id: unknown }).id);
      return h('li', {}, h('button', { class: 'link', 'data-order': id, onclick: () => void openOrder(api, id) }, id));
    });
    aside.replaceChildren(
      h('h3', {}, `${state} · ${list.total} order${list.total === 1 ? '' : 's'}`),
      items.length ? h('ul', { class: 'order-list' }, ...items) : h('p', { class: 'empty' }, 'No orders in this state.'),
      list.total > items.length ? h('p', { class: 'empty' }, `The first ${items.length} are listed.`) : '',
    );
  }

  async function showOrder() {
    const seq = ++detailSeq;
    if (!opened) {
      detail.hidden = true;
      return detail.replaceChildren();
    }
    const { api, id } = opened;
    const admin = deps.admin();
    const [order, outbox] = await Promise.all([
      must(admin.GET('/__mock/{api}/orders/{order_id}', { params: { path: { api, order_id: id } } })),
      must(admin.GET('/__mock/outbox', { params: { query: { api, order_id: id } } })),
    ]);
    if (seq !== detailSeq) return;
    const requests = deps.journal().filter((entry) => entry.api === api && mentionsOrder(entry, id)).reverse();
    const requestItem = (e: JournalEntry) =>
      h('li', { class: isRefused(e) ? 'bad' : undefined }, h('span', { class: 'mono' }, `${timeOfDay(e.at)} `), `${e.operationId ?? e.method} → ${e.status}`, e.error_code && h('code', {}, ` ${e.error_code}`));
    const effectItem = (e: OutboxEntry) => h('li', {}, h('span', { class: 'mono' }, `${timeOfDay(e.at)} `), h('span', { class: `effect ${e.type.split('.')[0]}` }, e.type), ` ${JSON.stringify(e.data)}`);
    detail.hidden = false;
    detail.replaceChildren(
      h('h3', {}, `${api} order `, h('code', {}, id), ` · ${(order as { status: string }).status} `, h('button', { class: 'link', onclick: () => void openOrder(null) }, 'close')),
      h(
        'div',
        { class: 'order-grid' },
        h('div', {}, h('pre', {}, prettyJson(order))),
        h(
          'div',
          {},
          h('h4', {}, 'Requests'),
          requests.length ? h('ul', { class: 'history' }, ...requests.map(requestItem)) : h('p', { class: 'empty' }, 'None in the journal.'),
          h('h4', {}, 'Side effects'),
          outbox.entries.length ? h('ul', { class: 'history' }, ...[...outbox.entries].reverse().map(effectItem)) : h('p', { class: 'empty' }, 'None.'),
        ),
      ),
    );
  }

  async function openOrder(api: Api | null, id?: string) {
    opened = api && id !== undefined ? { api, id } : null;
    if (api) showTab(api);
    await showOrder();
  }

  for (const tab of document.querySelectorAll<HTMLElement>('#api-tabs button')) tab.addEventListener('click', () => showTab(tab.dataset.api as Api));
  for (const d of document.querySelectorAll<HTMLElement>('.diagram')) {
    for (const g of d.querySelectorAll<SVGGElement>('[data-state]')) {
      g.addEventListener('click', () => {
        selected = { api: d.dataset.api as Api, state: g.dataset.state! };
        void listState();
      });
    }
  }

  return {
    openOrder,
    showCounts(counts: OrderCounts) {
      for (const { name } of config.apis) {
        const perState = counts[name] ?? {};
        const total = Object.values(perState).reduce((sum, n) => sum + n, 0);
        document.querySelector(`#api-tabs button[data-api="${name}"] .total`)!.textContent = String(total);
        for (const g of diagram(name).querySelectorAll<SVGGElement>('[data-state]')) showCount(g, perState[g.dataset.state!] ?? 0);
      }
    },
    /** Re-reads the listed state and the opened order (after anything changed). */
    refresh: () => Promise.all([selected ? listState() : undefined, opened ? showOrder() : undefined]),
    clear() {
      selected = null;
      opened = null;
      void listState();
      void showOrder();
    },
  };
}

export type OrdersView = ReturnType<typeof ordersView>;
