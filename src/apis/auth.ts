/**
 * Tenant tokens from Authorization headers, in each API's documented form. A token is any run of
 * visible characters; the mock never checks it against anything, it only keys the tenant.
 */
const BEARER = /^Bearer +([\x21-\x7e]{1,512})$/i;
// Rails' token parser accepts the value quoted or bare: `Token token="abc"` and `Token token=abc`.
const RAILS_TOKEN = /^Token +token="?([\x21\x23-\x7e]{1,512}?)"?$/;

export const bearerToken = (header: string | undefined): string | null => (header && BEARER.exec(header)?.[1]) || null;

export const railsToken = (header: string | undefined): string | null => (header && RAILS_TOKEN.exec(header)?.[1]) || null;

/** Any of the documented forms: the admin API accepts the header of whichever API a test uses. */
export const anyToken = (header: string | undefined): string | null => bearerToken(header) ?? railsToken(header);

/** The tenant of requests that carry no token: RetailOPS webhooks and admin calls without auth. */
export const PUBLIC_TENANT = 'public';
