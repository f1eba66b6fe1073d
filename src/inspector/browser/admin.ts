import { createAdminClient } from '../../client/index.js';
import type { components } from '../../generated/admin.js';

export type JournalEntry = components['schemas']['JournalEntry'];
export type OutboxEntry = components['schemas']['OutboxEntry'];
export type FaultRule = components['schemas']['FaultRule'];
export type ClockView = components['schemas']['ClockView'];
export type OrderCounts = components['schemas']['OrderCounts']['apis'];

/**
 * The admin API for one tenant, through the package's typed client: the token goes as a Bearer
 * token (the admin API takes the tenant from any scheme's token), none for the public tenant.
 */
export function connect(token: string, adminToken: string) {
  return createAdminClient({
    baseUrl: location.origin,
    token: token || undefined,
    headers: adminToken ? { 'x-ordermock-admin-token': adminToken } : {},
  });
}

export type Admin = ReturnType<typeof connect>;

/** The body of a successful answer; an error answer becomes an Error with the admin API's message. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (data !== undefined) return data;
  const message = (error as { error?: { message?: string } } | undefined)?.error?.message ?? response.statusText;
  throw new Error(`${response.status}: ${message}`);
}
