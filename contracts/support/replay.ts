import type { Interaction } from './pact-files.js';

/** Sets an interaction's provider states up directly on the mock, as the Pact Verifier would. */
export async function setUpStates(statesUrl: string, interaction: Interaction): Promise<void> {
  for (const state of interaction.providerStates ?? []) {
    const res = await fetch(statesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: state.name, params: state.params ?? {}, action: 'setup' }),
    });
    if (!res.ok) throw new Error(`provider state '${state.name}' for '${interaction.description}': ${res.status} ${await res.text()}`);
  }
}

/** Sends an interaction's request, as the pact records it, to `baseUrl`. */
export function replay(baseUrl: string, interaction: Interaction): Promise<Response> {
  const { method, path, query, headers, body } = interaction.request as {
    method: string;
    path: string;
    query?: Record<string, string[]>;
    headers?: Record<string, string[]>;
    body?: { content: unknown };
  };
  const search = new URLSearchParams(Object.entries(query ?? {}).flatMap(([key, values]) => values.map((v) => [key, v])));
  // Header names are case-insensitive; merging them lower-cased keeps one Content-Type.
  const sent = Object.fromEntries(Object.entries(headers ?? {}).map(([name, values]) => [name.toLowerCase(), values.join(', ')]));
  if (body !== undefined) sent['content-type'] ??= 'application/json';
  return fetch(`${baseUrl}${path}${search.size ? `?${search}` : ''}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body.content) });
}
