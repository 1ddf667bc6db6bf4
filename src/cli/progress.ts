/** A self-erasing progress line on a TTY, shown only once the work has taken a second. */
export function progressLine(stream: NodeJS.WriteStream): ((done: number, total: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const started = Date.now();
  let shown = false;
  return (done, total) => {
    if (Date.now() - started < 1000 && !shown) return;
    shown = true;
    stream.write(done >= total ? '\r\x1b[K' : `\r\x1b[Kchecking ${done}/${total} targets…`);
  };
}
