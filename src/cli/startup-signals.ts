/**
 * The monitor daemon ends on SIGTERM/SIGINT and reloads on SIGHUP, but loading the CLI takes a
 * while: a signal in that time would take its default action and end the process without a
 * word. bin/harden.js holds them (this module imports nothing, so it loads at once) until the
 * daemon takes them over; any other command gives them back.
 */

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
type Signal = (typeof SIGNALS)[number];

const held: Signal[] = [];
const hold = (signal: Signal) => void held.push(signal);

export function holdSignals(): void {
  for (const signal of SIGNALS) process.on(signal, hold);
}

/** Sends the held signals to `handler`, and every later one; returns the function that uninstalls it. */
export function takeSignals(handler: (signal: Signal) => void): () => void {
  for (const signal of SIGNALS) {
    process.off(signal, hold);
    process.on(signal, handler);
  }
  for (const signal of held.splice(0)) handler(signal);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}

/** For commands that do not handle signals: the default actions again, and a held signal delivered now. */
export function releaseSignals(): void {
  for (const signal of SIGNALS) process.off(signal, hold);
  for (const signal of held.splice(0)) process.kill(process.pid, signal);
}
