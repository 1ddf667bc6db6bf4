import type { ComposeService } from './compose.js';

/** The `.env` lines that set the variables of a service's image, as related places of a finding. */
export function fromDotenv(service: ComposeService): { at: ComposeService['location']; message: string }[] {
  return service.variablesAt(['image']).map(({ name, at }) => ({ at, message: `${name} is set here` }));
}
