import { UsageError } from './usage.js';
import { sendOrderCancel } from './webhook.js';

/** `ordermock webhook send order_cancel --to URL [--order-id ID] [--token T]`: exit 1 when the reply breaks the spec. */
export async function runWebhook(args: string[], flags: { to?: string; 'order-id'?: string; token?: string }): Promise<number> {
  const [verb, event] = args;
  if (verb !== 'send' || event !== 'order_cancel') throw new UsageError('usage: ordermock webhook send order_cancel --to URL [--order-id ID]');
  if (!flags.to) throw new UsageError('--to URL is required (the integrator endpoint that receives order_cancel)');
  const result = await sendOrderCancel(flags.to, flags['order-id'], flags.token);
  process.stdout.write(`POST ${flags.to} → ${result.status}\n${JSON.stringify(result.body, null, 2)}\n`);
  if (result.violations.length === 0) {
    process.stdout.write('reply conforms to openapi/retailops.yaml\n');
    return 0;
  }
  process.stdout.write(`reply does not conform to openapi/retailops.yaml:\n${result.violations.map((v) => `  - ${v}`).join('\n')}\n`);
  return 1;
}
