import type { JournalEntry } from './admin.js';
import { h, prettyJson, timeOfDay } from './dom.js';

/** The page keeps as many rows as the journal keeps entries. */
const MAX_ROWS = 1000;

/** Refused: an error status, a dropped connection (0), or an error inside a 200 (RetailOPS events). */
export const isRefused = (entry: JournalEntry): boolean => entry.status >= 400 || entry.status === 0 || entry.error_code !== null;

/** Why it was refused, in a line: the error code, else sFOX's error text (its errors carry no code). */
function refusal(entry: JournalEntry): Node[] {
  const body = entry.response_body as { error?: unknown } | null;
  const what = entry.error_code ?? (typeof body?.error === 'string' ? `"${body.error}"` : entry.status === 0 ? 'connection dropped' : null);
  return [
    what && h('code', {}, what),
    ...entry.validation_errors.map((problem) => h('span', { class: 'why' }, problem)),
    entry.fault && h('span', { class: 'why' }, entry.fault),
  ].filter((node): node is HTMLElement => Boolean(node));
}

function detailRow(entry: JournalEntry): HTMLTableRowElement {
  const part = (title: string, value: unknown) => h('div', {}, h('h4', {}, title), h('pre', {}, prettyJson(value)));
  return h(
    'tr',
    { class: 'detail' },
    h('td', { colspan: 8 }, h('div', { class: 'bodies' }, part(`request body · ${entry.method} ${entry.path}`, entry.request_body), part(`response body · ${entry.status}`, entry.response_body))),
  );
}

function row(entry: JournalEntry, fresh: boolean): HTMLTableRowElement {
  const refused = isRefused(entry);
  const tr = h(
    'tr',
    { class: `row${refused ? ' refused' : ''}${fresh ? ' fresh' : ''}`, 'data-id': entry.id, 'data-operation': entry.operationId ?? '', 'data-status': entry.status, title: 'Click for the request and response bodies' },
    h('td', { class: 'num' }, entry.id),
    h('td', { class: 'time' }, timeOfDay(entry.at)),
    h('td', {}, entry.method),
    h('td', { class: 'path', title: entry.path }, entry.path),
    h('td', { class: 'operation' }, h('span', { class: 'api' }, `${entry.api ?? '?'} · `), h('b', {}, entry.operationId ?? '—')),
    h('td', { class: 'status' }, entry.status === 0 ? 'dropped' : entry.status),
    h('td', { class: 'ms' }, entry.latency_ms.toFixed(1)),
    h('td', { class: 'error' }, ...(refused ? refusal(entry) : [])),
  );
  tr.addEventListener('click', () => {
    const next = tr.nextElementSibling;
    if (next?.classList.contains('detail')) next.remove();
    else tr.after(detailRow(entry));
  });
  return tr;
}

/** The live request table: newest first, a row per journal entry, bodies on click. */
export function requestsView(tbody: HTMLElement, empty: HTMLElement) {
  let entries: JournalEntry[] = [];
  return {
    /** Every entry shown, oldest first (an order's history is picked from them). */
    entries: () => entries,
    clear() {
      entries = [];
      tbody.replaceChildren();
      empty.hidden = false;
    },
    /** Adds entries (oldest first, as the journal answers); `fresh` ones flash once. */
    add(added: JournalEntry[], fresh: boolean) {
      if (!added.length) return;
      entries = entries.concat(added).slice(-MAX_ROWS);
      const rows = document.createDocumentFragment();
      for (const entry of [...added].reverse()) rows.append(row(entry, fresh));
      tbody.prepend(rows);
      // Trim the oldest rows, each with its open detail row.
      const shown = tbody.querySelectorAll('tr.row');
      for (let i = MAX_ROWS; i < shown.length; i++) {
        if (shown[i]!.nextElementSibling?.classList.contains('detail')) shown[i]!.nextElementSibling!.remove();
        shown[i]!.remove();
      }
      empty.hidden = true;
    },
  };
}

export type RequestsView = ReturnType<typeof requestsView>;
