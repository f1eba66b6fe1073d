// Small DOM helpers: every value from the mock goes in as text, never as markup.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/** An element with attributes (`on*` functions become listeners; false/undefined are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== false) element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(typeof child === 'number' ? String(child) : child);
  return element;
}

/** An SVG element (the diagrams' count badges). */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
};

/** A JSON value as the page shows it: indented, or a word for none. */
export const prettyJson = (value: unknown): string => (value === null || value === undefined ? '(none)' : JSON.stringify(value, null, 2));

/** `2024-05-01T10:00:00.123Z` → `10:00:00.123`: the virtual clock's time of day, as the journal has it (UTC). */
export const timeOfDay = (iso: string): string => iso.slice(11, 23);

/** Shows a short message at the corner for a few seconds (an action that failed, a reset done). */
export function notify(message: string): void {
  const notice = h('div', { class: 'notice', role: 'status' }, message);
  document.body.append(notice);
  setTimeout(() => notice.remove(), 4000);
}
