import { faker } from '@faker-js/faker/locale/pt_BR';
import { nextSequence } from '../../core/ids.js';
import { hashSeed, type World } from '../../core/tenants.js';
import type { components } from '../../generated/estoka.js';

export type Order = components['schemas']['Order'];
export type OrderHistory = components['schemas']['OrderHistory'];
export type OrderStatus = components['schemas']['OrderStatus'];
export type EstokaWorld = World & { orders: Map<string, Order> };

/** The document's order 340 of organization 1 as it was before the cancel its example shows. */
export function documentOrder(): Order {
  const address = {
    city: 'Rio de Janeiro',
    state: 'RJ',
    detail: 'ap 99',
    number: '999',
    street: 'Rua São Francisco Xavier',
    country: 'BR',
    zipcode: '20550012',
    neighborhood: 'Tijuca',
  };
  return {
    id: 340,
    organization_id: 1,
    data: {
      code: '2815308660008',
      items: [
        { quantity: 10, item_value: 30, unit_price: 3, product_sku_id: 112 },
        { quantity: 8, item_value: 32, unit_price: 4, product_sku_id: 113 },
      ],
      comments: null,
      customer: { name: 'Felipe Flores', email: '17653481612@email.com.br', phones: ['21 999999999', '21 999999999'], document: '01527675173' },
      discount: 0,
      payments: [{ value: 120, method: '3', installments: 1 }],
      shipping: 0,
      placed_at: '2018-08-22T15:11:06.000-03:00',
      total_value: 62,
      billing_address: { ...address, city_code: '3304557' },
      emission_status: null,
      shipping_address: { ...address, city_code: null },
    },
    created_at: '2018-08-22T11:34:55.466-03:00',
    updated_at: '2018-08-22T11:35:06.872-03:00',
    status: 'waiting_stock',
    stock_id: 1,
    sale_channel_id: 1,
    order_histories: [
      {
        id: 131,
        user_id: null,
        order_id: 340,
        reported_at: '2018-08-22T11:35:06.779-03:00',
        status: 'pending_return',
        message: 'Solicitação de devolução dos produtos: <strong>Camiseta #2 - Camiseta florida - Branco, G</strong> (2 UN)',
        created_at: '2018-08-22T11:35:06.788-03:00',
        updated_at: '2018-08-22T11:35:06.788-03:00',
      },
      {
        id: 132,
        user_id: null,
        order_id: 340,
        reported_at: '2018-08-22T11:35:06.870-03:00',
        status: 'completed_return',
        message: 'Itens devolvidos ao estoque: <strong>Camiseta #2 - Camiseta florida - Branco, G</strong> (2 UN)',
        created_at: '2018-08-22T11:35:06.872-03:00',
        updated_at: '2018-08-22T11:35:06.872-03:00',
      },
    ],
    order_volumes: [],
    order_returns: [{ id: 43, order_id: 340, status: 'finished', returned_products: [{ id: 57, total: 2, comments: 'Cor errada' }] }],
  };
}

/** Ids of generated orders and histories start here, clear of the document's own ids. */
const GENERATED_ID_BASE = 10_000;

export const nextEstokaId = (world: World): number => GENERATED_ID_BASE + nextSequence(world);

const FIXTURE_TIME = '2018-08-22T11:34:55.466-03:00';

/** An order of `organizationId` in `status`, with a generated Brazilian customer and address. */
export function generatedOrder(world: World, id: number, organizationId: number, status: OrderStatus): Order {
  // Seeded per order, so an order's content depends only on the world's seed and its id.
  faker.seed(hashSeed(`${world.seed}:${id}`));
  const template = documentOrder();
  const name = faker.person.fullName();
  const address = {
    city: faker.location.city(),
    state: faker.location.state({ abbreviated: true }),
    detail: `ap ${faker.number.int({ min: 1, max: 999 })}`,
    number: String(faker.number.int({ min: 1, max: 9999 })),
    street: faker.location.street(),
    country: 'BR',
    zipcode: faker.string.numeric(8),
    neighborhood: faker.location.county(),
    city_code: null,
  };
  return {
    ...template,
    id,
    organization_id: organizationId,
    status,
    data: {
      ...template.data,
      code: faker.string.numeric(13),
      customer: { name, email: faker.internet.email().toLowerCase(), phones: [faker.phone.number()], document: faker.string.numeric(11) },
      billing_address: address,
      shipping_address: address,
    },
    order_histories: [],
    order_returns: [],
    created_at: FIXTURE_TIME,
    updated_at: FIXTURE_TIME,
  };
}

/** The history entry the document shows a successful cancel adding. */
export const cancelHistory = (world: World, orderId: number, now: string): OrderHistory => ({
  id: nextEstokaId(world),
  user_id: null,
  order_id: orderId,
  reported_at: now,
  status: 'completed_cancel',
  message: 'Cancelamento realizado com sucesso',
  created_at: now,
  updated_at: now,
});

/** The first fixture id of the one-order-per-status range (1001 new, 1002 pre_order, …). */
export const STATUS_FIXTURE_BASE = 1001;

export function provisionEstoka(seed: number, statuses: string[]): EstokaWorld {
  const world: EstokaWorld = { orders: new Map(), sequence: 0, seed };
  const add = (order: Order) => world.orders.set(String(order.id), order);
  add(documentOrder());
  add(generatedOrder(world, 100, 4, 'waiting_picking'));
  statuses.forEach((status, i) => {
    const order = generatedOrder(world, STATUS_FIXTURE_BASE + i, 1, status as OrderStatus);
    if (status.endsWith('cancelled')) order.order_histories = [cancelHistory(world, order.id, FIXTURE_TIME)];
    add(order);
  });
  return world;
}
