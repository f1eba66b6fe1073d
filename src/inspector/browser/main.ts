// The inspector page's script: polls the admin API for the tenant in `?token=` and redraws what changed.
import type { InspectorConfig } from '../page.js';
import { connect, must, type Admin } from './admin.js';
import { byId, notify } from './dom.js';
import { ordersView } from './orders.js';
import { showClock, showFaults, showOutbox } from './panels.js';
import { requestsView } from './requests.js';

/** Polling rather than server-sent events: it works the same wherever the admin API runs (a server, MSW). */
const POLL_MS = 500;
/** Every this many polls the side panels are re-read even if nothing seemed to change (a clock moved by a test). */
const FULL_REFRESH_EVERY = 10;

const config = JSON.parse(byId('inspector-config').textContent!) as InspectorConfig;
const query = new URLSearchParams(location.search);
const tokenInput = byId<HTMLInputElement>('token');
const adminTokenInput = document.getElementById('admin-token') as HTMLInputElement | null;
tokenInput.value = query.get('token') ?? '';
if (adminTokenInput) adminTokenInput.value = query.get('admin_token') ?? '';

const requests = requestsView(byId('request-rows'), byId('requests-empty'));
let admin: Admin = connect('', '');
const orders = ordersView(config, { admin: () => admin, journal: requests.entries });

/** Where the page is in the tenant's journal, and which tenant (a new token starts a new generation). */
let since = 0;
let loaded = false;
let countsSeen = '';
let polls = 0;
let generation = 0;

function setLive(error?: unknown) {
  const live = byId('live');
  live.className = error ? 'live fail' : 'live ok';
  live.textContent = error ? `offline (${(error as Error).message}), retrying` : `live · tenant ${tokenInput.value || 'public'}`;
}

async function refreshPanels() {
  const [outbox, faults, clock] = await Promise.all([must(admin.GET('/__mock/outbox')), must(admin.GET('/__mock/faults')), must(admin.GET('/__mock/clock'))]);
  showOutbox(outbox.entries, (api, id) => void orders.openOrder(api, id));
  showFaults(faults.faults, (id) => void act('remove the rule', () => must(admin.DELETE('/__mock/faults', { params: { query: { id } } }))));
  showClock(clock);
  await orders.refresh();
}

async function pollOnce(gen: number): Promise<void> {
  const [journal, counts] = await Promise.all([must(admin.GET('/__mock/journal', { params: { query: { since } } })), must(admin.GET('/__mock/order-counts'))]);
  if (gen !== generation) return;
  if (journal.last_id < since) {
    // The tenant was reset elsewhere and its journal started over: so does the page.
    startOver();
    return pollOnce(gen);
  }
  requests.add(journal.entries, loaded);
  since = journal.last_id;
  const countsNow = JSON.stringify(counts.apis);
  const changed = !loaded || journal.entries.length > 0 || countsNow !== countsSeen || ++polls % FULL_REFRESH_EVERY === 0;
  countsSeen = countsNow;
  orders.showCounts(counts.apis);
  if (changed) await refreshPanels();
  loaded = true;
}

function startOver() {
  since = 0;
  loaded = false;
  countsSeen = '';
  requests.clear();
  orders.clear();
}

/** (Re)opens the page on the token in the field: a fresh view, then a poll every POLL_MS. */
function open() {
  const gen = ++generation;
  admin = connect(tokenInput.value.trim(), adminTokenInput?.value ?? query.get('admin_token') ?? '');
  startOver();
  const tick = async () => {
    try {
      await pollOnce(gen);
      if (gen === generation) setLive();
    } catch (error) {
      if (gen === generation) setLive(error);
    }
    if (gen === generation) setTimeout(tick, POLL_MS);
  };
  void tick();
}

/** Runs a control's admin call, then re-reads everything; a failure is shown, not thrown. */
async function act(what: string, call: () => Promise<unknown>) {
  try {
    await call();
    await pollOnce(generation);
    await refreshPanels();
  } catch (error) {
    notify(`Could not ${what}: ${(error as Error).message}`);
  }
}

byId('tenant-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const params = new URLSearchParams(location.search);
  if (tokenInput.value.trim()) params.set('token', tokenInput.value.trim());
  else params.delete('token');
  history.replaceState(null, '', `?${params}`);
  open();
});
byId('clock-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const advance = Number(byId<HTMLInputElement>('advance-ms').value);
  void act('advance the clock', () => must(admin.POST('/__mock/clock', { body: { advance_ms: advance } })));
});
byId('reset').addEventListener('click', () => void act('reset the tenant', () => must(admin.POST('/__mock/reset', {}))));
byId('clear-faults').addEventListener('click', () => void act('clear the rules', () => must(admin.DELETE('/__mock/faults', {}))));

open();
