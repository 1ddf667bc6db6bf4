/**
 * A self-erasing progress line, shown only when a person watches (stdout is a TTY)
 * and the work has taken a second; written to stderr so it never mixes into a report.
 */
export function progressLine(stream: NodeJS.WriteStream, watched = process.stdout.isTTY === true): ((done: number, total: number) => void) | undefined {
  if (!watched || !stream.isTTY) return undefined;
  const started = Date.now();
  let shown = false;
  return (done, total) => {
    if (Date.now() - started < 1000 && !shown) return;
    shown = true;
    stream.write(done >= total ? '\r\x1b[K' : `\r\x1b[Kchecking: ${done}/${total} checks run…`);
  };
}
