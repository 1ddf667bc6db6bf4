/** Resolves to 'late' once `graceMs` have passed or `hurry` aborts, whichever comes first; `cancel` drops its timer. */
export function graceOver(graceMs: number, hurry?: AbortSignal): { over: Promise<'late'>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  let onHurry: () => void = () => undefined;
  const over = new Promise<'late'>((resolve) => {
    if (hurry?.aborted) return resolve('late');
    if (Number.isFinite(graceMs)) timer = setTimeout(() => resolve('late'), graceMs);
    onHurry = () => resolve('late');
    hurry?.addEventListener('abort', onHurry, { once: true });
  });
  return {
    over,
    cancel: () => {
      clearTimeout(timer);
      hurry?.removeEventListener('abort', onHurry);
    },
  };
}
