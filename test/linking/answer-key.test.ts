import { describe, expect, it } from 'vitest';
import { scoreTracker, TRACKERS, type TrackerScore } from './score.js';

// The linker against a careful engineer's answer key for four real-world trackers: precision
// first (a wrong link is a false regression), then recall.
describe('linking the four trackers against the answer key', () => {
  it('links at least 80% of the items the key links, with at least 90% of its links right', async () => {
    const scores: TrackerScore[] = [];
    for (const { name, repository } of TRACKERS) scores.push(await scoreTracker(name, repository));
    const sum = (pick: (score: TrackerScore) => number) => scores.reduce((total, score) => total + pick(score), 0);
    const precision = sum((s) => s.correct) / sum((s) => s.proposed);
    const recall = sum((s) => s.recalledItems) / sum((s) => s.keyLinkedItems);
    expect(sum((s) => s.keyLinkedItems)).toBe(48);
    expect(precision, `wrong links: ${JSON.stringify(scores.flatMap((s) => s.wrong))}`).toBeGreaterThanOrEqual(0.9);
    expect(recall, `missed: ${JSON.stringify(scores.flatMap((s) => s.missed))}`).toBeGreaterThanOrEqual(0.8);
  }, 120_000);
});
