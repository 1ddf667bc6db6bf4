import type { PlanOptions } from './monitor-action.js';

/** `harden serve`'s options as commander hands them over (and the server thread receives them). */
export interface ServeOptions extends PlanOptions {
  listen: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsOcsp?: string;
  securityContact?: string[];
  monitor: boolean;
  statsEvery: string;
  metrics?: string;
  ca?: string;
  debug?: boolean;
  publicUrl?: string;
}
