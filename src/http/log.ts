/** One logger for the server: text for people, JSON lines for machines; colour only on a TTY. */
export type LogFormat = 'text' | 'json';
export type Logger = { info(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };
/** What the logger writes to (process.stderr by default); structural, so the published types need no @types/node. */
export type LogStream = { write(text: string): unknown; isTTY?: boolean };

export function useColour(stream: LogStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.CI && !process.env.NO_COLOR;
}

export function createLogger(format: LogFormat = 'text', quiet = false, stream: LogStream = process.stderr): Logger {
  const colour = useColour(stream);
  const write = (level: 'info' | 'error', msg: string, fields: Record<string, unknown> = {}) => {
    if (quiet && level === 'info') return;
    if (format === 'json') {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
      return;
    }
    const extra = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
    const tag = level === 'error' ? (colour ? '\x1b[31merror\x1b[0m' : 'error') : '';
    stream.write(`${tag ? `${tag} ` : ''}${msg}${extra}\n`);
  };
  return { info: (m, f) => write('info', m, f), error: (m, f) => write('error', m, f) };
}
