/** One logger for the server: text for people, JSON lines for machines; colour only on a TTY. */
export type LogFormat = 'text' | 'json';
/** The least severe level written: `debug` adds per-event detail (evictions), `error` is --quiet. */
export type LogLevel = 'debug' | 'info' | 'error';
export const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'error'];

type Write = (msg: string, fields?: Record<string, unknown>) => void;
export type Logger = { debug: Write; info: Write; error: Write };
/** What the logger writes to (process.stderr by default); structural, so the published types need no @types/node. */
export type LogStream = { write(text: string): unknown; isTTY?: boolean };

export function useColour(stream: LogStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.CI && !process.env.NO_COLOR;
}

export function createLogger(format: LogFormat = 'text', level: LogLevel = 'info', stream: LogStream = process.stderr): Logger {
  const colour = useColour(stream);
  const threshold = LOG_LEVELS.indexOf(level);
  const write = (at: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (format === 'json') {
      stream.write(`${JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...fields })}\n`);
      return;
    }
    const extra = Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
    const tag = at === 'error' ? (colour ? '\x1b[31merror\x1b[0m' : 'error') : at === 'debug' ? 'debug' : '';
    stream.write(`${tag ? `${tag} ` : ''}${msg}${extra}\n`);
  };
  // A level below the threshold is a no-op function, so a hot caller pays nothing to skip it.
  const at = (level: LogLevel): Write => (LOG_LEVELS.indexOf(level) < threshold ? () => {} : (msg, fields) => write(level, msg, fields));
  return { debug: at('debug'), info: at('info'), error: at('error') };
}
