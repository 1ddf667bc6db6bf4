import { escapeJsonControls } from '../display-text.js';
import { maskStrings, maskText } from './secrets.js';

/** One JSON object per line: what the daemon did, for people and for log shippers. */
export type Logger = (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

/** Every string of a line is masked (URL credentials, tokens, assignments): log shippers keep what they are sent. */
export function jsonLogger(write: (line: string) => void, options: { debug?: boolean; now?: () => number } = {}): Logger {
  const now = options.now ?? Date.now;
  return (level, message, fields = {}) => {
    if (level === 'debug' && !options.debug) return;
    // JSON escapes C0 controls; DEL, C1 and bidi controls a probed server may send are escaped too, for whoever tails the log.
    write(`${escapeJsonControls(JSON.stringify({ time: new Date(now()).toISOString(), level, msg: maskText(message), ...maskStrings(fields) }))}\n`);
  };
}
