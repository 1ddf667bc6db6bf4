import type { Location } from '../location.js';
import type { Target } from '../target.js';

/**
 * What the monitor's store recorded that a check reads: the newest samples of a monitor and the
 * alerts delivered per channel. The CLI hands the run the store itself (src/store implements
 * more than this); checks never write to it.
 */
export interface MonitorRecordStore {
  /** Raw samples of a monitor, newest first. */
  samples(query: { monitor: string; limit?: number }): Promise<readonly { at: number }[]>;
  /** Per channel: alerts delivered (real or test) that the outbox still keeps. */
  outboxStats(): Promise<readonly { channel: string; delivered: number; pending: number; lastError: string | null }[]>;
}

/** Where the run finds the store: opened on first use, or why there is none ("no monitor store at .harden/harden.db"). */
export type MonitorStoreSource = { where: string; open(): Promise<MonitorRecordStore> } | { missing: string };

export interface MonitorChannelRef {
  readonly name: string;
  /** slack, email, webhook, …; undefined when the plan has no channel of that name. */
  readonly type: string | undefined;
}

/** A monitor of the plan as a check reads it: what it probes, how often, whom it alerts. */
export interface MonitorRecordInput {
  name: string;
  kind: string;
  /** What it probes, credentials masked: a URL, host:port, a DNS name. */
  probes: string;
  everyMs: number;
  channels: readonly MonitorChannelRef[];
  at: Location;
  index: number;
  /** The run's clock (--now, HARDEN_NOW). */
  now: Date;
}

export interface MonitorTarget extends Target {
  readonly name: string;
  readonly kind: string;
  readonly probes: string;
  readonly everyMs: number;
  readonly channels: readonly MonitorChannelRef[];
  readonly now: Date;
  /** The store, opened once per run and shared by every monitor; rejects with "no monitor store at …" when there is none. */
  store(): Promise<MonitorRecordStore>;
  /** Where the store is, as a message names it. */
  readonly storeWhere: string;
}

export function monitorTargets(inputs: readonly MonitorRecordInput[], source: MonitorStoreSource | undefined): MonitorTarget[] {
  let opened: Promise<MonitorRecordStore> | undefined;
  const store = () => {
    if (!source || 'missing' in source) return Promise.reject(new Error(source?.missing ?? 'no monitor store: this run was given none'));
    opened ??= source.open();
    return opened;
  };
  const storeWhere = source && 'where' in source ? source.where : (source?.missing ?? 'none');
  return inputs.map((input) => ({
    identity: `monitor:${input.name}`,
    name: input.name,
    kind: input.kind,
    probes: input.probes,
    everyMs: input.everyMs,
    channels: input.channels,
    now: input.now,
    location: input.at,
    declaredAt: ['monitors', input.index],
    store,
    storeWhere,
  }));
}
