import { maskStrings, maskText } from './secrets.js';

/** One JSON object per line: what the daemon did, for people and for log shippers. */
export type Logger = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** Every string of a line is masked (URL credentials, tokens, assignments): log shippers keep what they are sent. */
export function jsonLogger(write: (line: string) => void, options: { debug?: boolean; now?: () => number } = {}): Logger {
  const now = options.now ?? Date.now;
  return (level, message, fields = {}) => {
    if (level === 'debug' && !options.debug) return;
    write(`${JSON.stringify({ time: new Date(now()).toISOString(), level, msg: maskText(message), ...maskStrings(fields) })}\n`);
  };
}
