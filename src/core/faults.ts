/**
 * Fault rules: make matching requests slow, fail with a status, or drop the connection — for N
 * requests or with a probability. Pure matching; the HTTP edge carries the action out.
 */
export type FaultAction = { delayMs?: number; status?: number; drop?: boolean };

export type FaultRule = FaultAction & {
  id: number;
  api?: string;
  operationId?: string;
  /** How many more matching requests this rule applies to; absent = unlimited. */
  remaining?: number;
  /** Chance in [0, 1] that a matching request is affected; absent = always. */
  probability?: number;
};

export type FaultRules = { rules: FaultRule[]; nextId: number };

export const createFaultRules = (): FaultRules => ({ rules: [], nextId: 1 });

export function addFaultRule(faults: FaultRules, rule: Omit<FaultRule, 'id'>): FaultRule {
  const added = { ...rule, id: faults.nextId++ };
  faults.rules.push(added);
  return added;
}

export function removeFaultRule(faults: FaultRules, id?: number): number {
  const before = faults.rules.length;
  faults.rules = id === undefined ? [] : faults.rules.filter((r) => r.id !== id);
  return before - faults.rules.length;
}

/**
 * The fault to apply to a request, if any, consuming one use of a counted rule.
 * `random` is the tenant's seeded generator, so probabilistic faults replay identically.
 */
export function takeFault(faults: FaultRules, api: string, operationId: string, random: () => number): FaultRule | null {
  for (const rule of faults.rules) {
    if (rule.api && rule.api !== api) continue;
    if (rule.operationId && rule.operationId !== operationId) continue;
    if (rule.probability !== undefined && random() >= rule.probability) continue;
    if (rule.remaining !== undefined) {
      rule.remaining--;
      if (rule.remaining <= 0) faults.rules = faults.rules.filter((r) => r !== rule);
    }
    return rule;
  }
  return null;
}
