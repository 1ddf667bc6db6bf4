export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Spellings found in hand-written trackers, mapped to the canonical severity. */
const ALIASES: Record<string, Severity> = {
  critical: 'critical', crit: 'critical', p0: 'critical',
  high: 'high', hi: 'high', p1: 'high',
  medium: 'medium', med: 'medium', moderate: 'medium', p2: 'medium',
  low: 'low', lo: 'low', p3: 'low',
  info: 'info', informational: 'info', none: 'info', '—': 'info', '-': 'info', 'n/a': 'info',
};

export function parseSeverity(text: string): Severity | undefined {
  const word = text.trim().toLowerCase().replace(/[^\p{L}\p{N}/—-]/gu, '');
  return ALIASES[word];
}

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function worstSeverity(severities: Iterable<Severity>): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of severities) if (!worst || RANK[s] > RANK[worst]) worst = s;
  return worst;
}

/** Sort key: most severe first. */
export function bySeverity(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}
