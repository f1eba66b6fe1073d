/**
 * What can go wrong, as values. Core code throws these; each API's errors.ts maps them to that
 * API's documented status and body, so no handler formats an error itself.
 */
export class MockError extends Error {
  override name = 'MockError';
}

/** A request that does not match the spec: `field` names what to fix (`line_items[0].sku`). */
export class ValidationFailed extends MockError {
  override name = 'ValidationFailed';
  constructor(readonly field: string, readonly problem: string, readonly location: 'path' | 'query' | 'header' | 'body') {
    super(`${field} ${problem}`);
  }
}

export class Unauthorized extends MockError {
  override name = 'Unauthorized';
}

/** `resource` is what was looked up (`order`, `customer`, `sku`); `field` is where its id came from. */
export class NotFound extends MockError {
  override name = 'NotFound';
  constructor(readonly resource: string, readonly id: string, readonly field: string) {
    super(`No ${resource} with id ${id}`);
  }
}

/** The operation has no rule for the order's current status in the spec's transition table. */
export class IllegalTransition extends MockError {
  override name = 'IllegalTransition';
  constructor(readonly operationId: string, readonly current: string, readonly allowedFrom: string[]) {
    super(`${operationId} is not allowed on an order whose status is '${current}'; allowed from: ${allowedFrom.join(', ')}`);
  }
}

/** A named precondition (`x-preconditions`) failed; `code` and message come from the spec. */
export class PreconditionFailed extends MockError {
  override name = 'PreconditionFailed';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export class PayloadTooLarge extends MockError {
  override name = 'PayloadTooLarge';
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaType extends MockError {
  override name = 'UnsupportedMediaType';
  constructor(readonly contentType: string) {
    super(`Request bodies must be application/json, not '${contentType || 'none'}'`);
  }
}

/** A configured cap (tenants, orders per tenant) would be exceeded. */
export class LimitReached extends MockError {
  override name = 'LimitReached';
  constructor(readonly limit: string, readonly max: number) {
    super(`The mock's limit of ${max} ${limit} is reached; raise it with --max-${limit} or reset`);
  }
}

/** A response the mock was about to send does not match the spec (strict mode), or a fault rule fired. */
export class ServerFault extends MockError {
  override name = 'ServerFault';
  constructor(message: string, readonly status = 500) {
    super(message);
  }
}

/**
 * The shared state store (Redis) cannot be reached: answered 503 in each API's error shape, with
 * nothing of the request applied, until the store is back.
 */
export class StoreUnavailable extends ServerFault {
  override name = 'StoreUnavailable';
  constructor(detail: string) {
    super(`The mock's state store is unavailable (${detail}); retry shortly`, 503);
  }
}

/** A known path asked with a method it does not have; `allow` is what the path answers. */
export class MethodNotAllowed extends MockError {
  override name = 'MethodNotAllowed';
  constructor(readonly method: string, readonly path: string, readonly allow: string[]) {
    super(`${method} is not allowed on ${path}; allowed: ${allow.join(', ')}`);
  }
}

/** The Accept header admits nothing the operation can produce (every operation answers JSON). */
export class NotAcceptable extends MockError {
  override name = 'NotAcceptable';
  constructor(readonly accept: string) {
    super(`This operation answers application/json only, which Accept: ${accept} does not admit`);
  }
}
