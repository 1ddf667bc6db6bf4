import type { Claim } from '../claim.js';
import type { AnyCheck } from '../checks/define.js';
import { allOf, normalizeWords, phrase, type WordPattern } from './words.js';

/** One claim of one check, ready to look for. */
export interface ClaimEntry {
  check: AnyCheck;
  about: string;
  /** Only these reports judge the claim; undefined: all of the check's. */
  messages: readonly string[] | undefined;
  names: readonly WordPattern[];
  unless: readonly WordPattern[];
  /** The names name the risk the check forbids (see Claim.risk). */
  risk: boolean;
}

/** Where a claim's name was found: the title says what the item claims; the rest only supports it. */
export type Place = 'title' | 'text';

export interface ClaimHit {
  entry: ClaimEntry;
  place: Place;
  /** The name as the claim writes it: what the link comment quotes. */
  name: string;
}

/**
 * Every claim of the catalog, and a claim per peer rule a check corresponds to (a tracker
 * written from another scanner's report names its rule ids).
 */
export function claimIndex(catalog: Iterable<AnyCheck>): ClaimEntry[] {
  const entries: ClaimEntry[] = [];
  for (const check of catalog) {
    for (const claim of (check.claims ?? []) as Claim[]) {
      entries.push({ check, about: claim.about, messages: claim.messages, names: claim.names.map(pattern), unless: (claim.unless ?? []).map(pattern), risk: claim.risk === true });
    }
    for (const peer of check.peers ?? []) {
      entries.push({ check, about: `${peer.tool} ${peer.rule}`, messages: peer.messages, names: [phrase(peer.rule)], unless: [], risk: false });
    }
  }
  return entries;
}

function pattern(name: string | readonly string[]): WordPattern {
  return typeof name === 'string' ? phrase(name) : allOf(name);
}

/**
 * The claims an item's title and text name. A claim's `unless` vetoes it where it was found:
 * a title that says "rotate" is about rotation, notes that mention rotation in passing are not.
 */
export function findClaims(index: readonly ClaimEntry[], title: string, text: string): ClaimHit[] {
  const titleWords = normalizeWords(title);
  const allWords = normalizeWords(`${title}\n${text}`);
  const hits: ClaimHit[] = [];
  for (const entry of index) {
    const inTitle = entry.names.find((name) => name.matches(titleWords));
    if (inTitle && !entry.unless.some((name) => name.matches(titleWords))) {
      hits.push({ entry, place: 'title', name: inTitle.text });
      continue;
    }
    if (entry.unless.some((name) => name.matches(allWords))) continue;
    const inText = entry.names.find((name) => name.matches(allWords));
    if (inText) hits.push({ entry, place: 'text', name: inText.text });
  }
  return hits;
}
