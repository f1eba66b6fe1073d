import type { ClockView, FaultRule, OutboxEntry } from './admin.js';
import { byId, h, timeOfDay } from './dom.js';

const MAX_EFFECTS = 300;

/** The outbox as a timeline, newest first; an order id opens that order. */
export function showOutbox(entries: OutboxEntry[], openOrder: (api: OutboxEntry['api'], id: string) => void): void {
  const items = entries
    .slice(-MAX_EFFECTS)
    .reverse()
    .map((e) =>
      h(
        'li',
        { 'data-type': e.type },
        h('time', {}, timeOfDay(e.at)),
        h('span', { class: 'api' }, e.api),
        h('span', { class: `effect ${e.type.split('.')[0]}` }, e.type),
        h('span', { class: 'data' }, h('button', { class: 'link', onclick: () => openOrder(e.api, e.order_id) }, e.order_id), ` ${JSON.stringify(e.data)}`),
      ),
    );
  byId('outbox-list').replaceChildren(...items);
  byId('outbox-empty').hidden = items.length > 0;
}

/** What a rule does, in words: `#1 sfox cancelOrder → 503, 2 left`. */
function describeRule(rule: FaultRule): string {
  const target = [rule.api ?? 'any API', rule.operationId].filter(Boolean).join(' ');
  const effect = [rule.drop && 'drop', rule.status && `status ${rule.status}`, rule.delay_ms && `+${rule.delay_ms} ms`].filter(Boolean).join(', ');
  const when = [rule.remaining !== undefined && `${rule.remaining} left`, rule.probability !== undefined && `p=${rule.probability}`].filter(Boolean).join(', ');
  return `#${rule.id} ${target} → ${effect || 'nothing'}${when ? ` (${when})` : ''}`;
}

export function showFaults(rules: FaultRule[], remove: (id: number) => void): void {
  byId('fault-list').replaceChildren(...rules.map((rule) => h('li', {}, h('span', { class: 'mono' }, describeRule(rule)), h('button', { class: 'link', title: 'Remove this rule', onclick: () => remove(rule.id) }, 'remove'))));
  byId('faults-empty').hidden = rules.length > 0;
  byId<HTMLButtonElement>('clear-faults').hidden = rules.length === 0;
}

export function showClock(clock: ClockView): void {
  const offset = clock.offset_ms ? `${clock.offset_ms > 0 ? '+' : ''}${clock.offset_ms} ms` : 'real time';
  const pending = clock.pending.length ? `, ${clock.pending.length} pending` : '';
  byId('clock').textContent = `Virtual clock: ${clock.frozen ? `frozen at ${clock.now}` : offset}${pending}.`;
}
