import type { MessageData } from '../checks/define.js';
import type { Location } from '../targets/location.js';
import { redactSecrets } from '../targets/secrets/redact.js';
import type { Target } from '../targets/target.js';

/** Every string value of a check's message data, masked; the same object when nothing needed masking. */
export function redactData(data: MessageData): MessageData {
  let redacted: MessageData | undefined;
  for (const key in data) {
    const value = data[key]!;
    if (typeof value !== 'string') continue;
    const masked = redactSecrets(value);
    if (masked !== value) (redacted ??= { ...data })[key] = masked;
  }
  return redacted ?? data;
}

/** A live target's URL may carry user:password@ or ?token=. */
export function redactLocation(location: Location): Location {
  if (location.kind !== 'url') return location;
  const url = redactSecrets(location.url);
  return url === location.url ? location : { ...location, url };
}

/** Target identities masked once per target: the results of every check on a target share one string. */
export class MaskedIdentities {
  private readonly masked = new WeakMap<Target, string>();

  of(target: Target): string {
    let masked = this.masked.get(target);
    if (masked === undefined) {
      masked = redactSecrets(target.identity);
      this.masked.set(target, masked);
    }
    return masked;
  }
}
