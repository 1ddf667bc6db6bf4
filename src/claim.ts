/**
 * A claim a plan item can make that the check measures: "HSTS is preload-ready", "Redis
 * requires a password". `harden link` reads an item's text (title, notes, Verify lines) for
 * the claim's names and links the check, scoped to the claim's messages.
 *
 * How names are matched: case and punctuation do not count (`Strict-Transport-Security`,
 * `strict transport security` and `STRICT_TRANSPORT_SECURITY` are one name; `runAsNonRoot`
 * is the word `runasnonroot`); a name matches whole words, and a word ending in `*` matches
 * any ending (`encrypt*`). A name that is a list matches when every part occurs in the same
 * text, in any order (`['privileged', 'container']`). A name must be specific enough that an
 * item whose title holds it makes this claim: a word that many claims share (secret, token,
 * admin, header, root) appears only inside a list that pins it down.
 */
export interface Claim<MessageId extends string = string> {
  /** The claim in a few words, as a link comment shows it: "HSTS preload". */
  about: string;
  names: (string | readonly string[])[];
  /** Names that mean the item is about something else when present (rare: a name shared with a different claim). */
  unless?: (string | readonly string[])[];
  /**
   * The names name the risk the check forbids (hostNetwork, privileged, `:latest`), not the
   * control it wants (HSTS, DMARC, a Redis password): a task that sets the risk up ("Traefik
   * DaemonSet + hostNetwork") claims the opposite, and is not linked.
   */
  risk?: boolean;
  /** Only these reports judge the claim; by default every message of the check does. */
  messages?: MessageId[];
}
