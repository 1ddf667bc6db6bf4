import { asArray, asRecord, asString } from '../yaml/read.js';
import type { ComposeService } from './compose.js';

/** Where a published port listens on the host. */
export type HostBinding =
  | { kind: 'all-interfaces' }
  | { kind: 'address'; address: string }
  /** Interpolated without a default (`${BIND_IP}`): decided at `docker compose up`. */
  | { kind: 'unknown' };

export interface PortRange {
  from: number;
  to: number;
}

/** One entry of a service's `ports`, short (`"127.0.0.1:5432:5432/tcp"`) or long syntax. */
export interface PortMapping {
  /** Index in the `ports` list, for `service.at(['ports', index])`. */
  readonly index: number;
  /** The entry as a short-syntax string, for messages. */
  readonly written: string;
  readonly host: HostBinding;
  /** Container port(s); undefined when interpolated without a default or unreadable. */
  readonly target: PortRange | undefined;
}

const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]']);
const UNKNOWN = '\u0000';

export function portMappingsOf(service: ComposeService): PortMapping[] {
  return asArray(service.spec.ports).flatMap((entry, index): PortMapping[] => {
    const long = asRecord(entry);
    if (long) return [longSyntax(long, index)];
    const short = asString(entry);
    return short === undefined ? [] : [shortSyntax(short, index)];
  });
}

function shortSyntax(written: string, index: number): PortMapping {
  const spec = interpolate(written.trim()).replace(/\/\w+$/, '');
  let hostIp: string | undefined;
  let ports: string;
  if (spec.startsWith('[')) {
    const close = spec.indexOf(']');
    hostIp = spec.slice(1, close);
    ports = spec.slice(close + 2);
  } else {
    const parts = spec.split(':');
    // More than three parts: an unbracketed IPv6 address before HOST_PORT:CONTAINER_PORT.
    hostIp = parts.length >= 3 ? parts.slice(0, -2).join(':') : undefined;
    ports = parts.slice(hostIp === undefined ? 0 : -2).join(':');
  }
  const containerPort = ports.split(':').at(-1) ?? '';
  return { index, written, host: bindingOf(hostIp), target: rangeOf(containerPort) };
}

function longSyntax(entry: Record<string, unknown>, index: number): PortMapping {
  const hostIp = asString(entry.host_ip);
  const published = asString(entry.published);
  const target = asString(entry.target);
  const protocol = asString(entry.protocol);
  const written = [hostIp, published, target].filter((part) => part !== undefined).join(':') + (protocol ? `/${protocol}` : '');
  return {
    index,
    written,
    host: bindingOf(hostIp === undefined ? undefined : interpolate(hostIp)),
    target: target === undefined ? undefined : rangeOf(interpolate(target)),
  };
}

function bindingOf(hostIp: string | undefined): HostBinding {
  if (hostIp === undefined) return { kind: 'all-interfaces' };
  const address = hostIp.trim();
  if (address.includes(UNKNOWN)) return { kind: 'unknown' };
  return ALL_INTERFACES.has(address) ? { kind: 'all-interfaces' } : { kind: 'address', address: address.replace(/^\[|\]$/g, '') };
}

function rangeOf(text: string): PortRange | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  const from = Number(match[1]);
  return { from, to: match[2] === undefined ? from : Number(match[2]) };
}

/**
 * Applies compose interpolation as far as the file can tell: `${VAR:-default}` and
 * `${VAR-default}` become the default, a variable without one becomes UNKNOWN.
 */
function interpolate(text: string): string {
  return text.replace(/\$\$|\$\{\w+(?::?-([^}]*))?(?::?\?[^}]*)?\}|\$\w+/g, (whole, fallback: string | undefined) =>
    whole === '$$' ? '$' : (fallback ?? UNKNOWN),
  );
}

export function rangeIncludes(range: PortRange, port: number): boolean {
  return range.from <= port && port <= range.to;
}
