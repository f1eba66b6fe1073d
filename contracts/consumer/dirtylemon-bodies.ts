/**
 * What a Dirty Lemon storefront relies on in each answer, as Pact matchers: every field the spec
 * requires (swagger-mock-validator checks them with required-field checks on), values by shape,
 * and exactly only what the frontend branches on (status, error code, param, allowed_from).
 */
import { MatchersV3 as M } from '@pact-foundation/pact';
import { dateTime } from '../support/matchers.js';

export const DOC_CUSTOMER_ID = '294e03d6-df4f-4ee1-94be-e334c420381a';
export const DOC_SKU = '868137000115';

const AT = '2017-05-02T12:59:07.085Z';

const lineItem = {
  id: M.uuid('a1b054ee-90cf-4a78-abee-1ce23ef9f06d'),
  description: M.string('1 six-pack of [skin+hair]'),
  amount: M.integer(6500),
  quantity: M.integer(1),
  sku: { id: M.string(DOC_SKU), currency: M.regex('^[a-z]{3}$', 'usd'), price: M.integer(6500) },
  created_at: dateTime(AT),
  updated_at: dateTime(AT),
};

// Tracking fields stay null until a carrier picks the shipment up, which no state here reaches.
const shipment = {
  label: M.string('1 six-pack of [skin+hair]'),
  carrier: null,
  tracking_number: null,
  tracking_url: null,
  tracking_status: null,
  tracking_status_at: null,
  eta: null,
  created_at: dateTime(AT),
  updated_at: dateTime(AT),
};

const address = {
  company: null,
  street1: M.string('1-60 CRÉMAZIE OUEST'),
  street2: M.string(''),
  street3: null,
  city: M.string('QUEBEC'),
  state: M.string('QC'),
  country: M.string('CA'),
  zip: M.string('G1R 1X3'),
};

type OrderShape = { id: string; status: string; shipped: boolean; coupon?: string };

/** An order of the document's customer for one six-pack, in `status`; shipments exist once paid. */
export const order = ({ id, status, shipped, coupon }: OrderShape) => ({
  id: M.uuid(id),
  customer_id: M.uuid(DOC_CUSTOMER_ID),
  reference: M.regex('^[0-9a-f]{6}$', 'd7590e'),
  status,
  currency: M.regex('^[a-z]{3}$', 'usd'),
  tax: M.integer(0),
  shipping_fee: M.integer(0),
  total: M.integer(6500),
  preordered: M.boolean(false),
  coupon_id: coupon === undefined ? null : M.string(coupon),
  shipping: address,
  line_items: M.eachLike(lineItem),
  // Empty until paid (spec: "empty until the order is paid"); the frontend shows them after.
  shipments: shipped ? M.eachLike(shipment) : [],
  created_at: dateTime('2017-05-02T12:59:07.060Z'),
  updated_at: dateTime('2017-05-02T12:59:47.818Z'),
});

/** The spec's error body; `extra` carries an illegal transition's `current_status` and `allowed_from`. */
export const error = (code: string, param: string | null, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message: M.string(message), param, ...extra },
});
