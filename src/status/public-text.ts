import { PROBES } from '../monitor/probes/index.js';
import { monitorKind, type Monitor } from '../monitor/schema.js';

/** What a public page may say a monitor probes: an HTTP URL without userinfo, query or fragment; other probes as the monitor names them. */
export function publicTarget(monitor: Monitor): string {
  if (monitor.http) {
    const url = new URL(monitor.http.url);
    return `${url.protocol}//${url.host}${url.pathname}`;
  }
  const kind = monitorKind(monitor);
  const probe = PROBES[kind] as { target(config: unknown): string };
  return probe.target(monitor[kind]);
}

const URLS = /\b[a-z][\w+.-]*:\/\/[^\s"'<>]*[^\s"'<>.,;:)]/gi;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g;
const IPV6 = /\[[0-9a-f:.]+\](?::\d{1,5})?|(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;
const HOSTS = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}\b(?::\d{1,5})?/gi;

/**
 * A sample's or incident's reason as a public page shows it: URLs, addresses and host names
 * (an error's "connect ECONNREFUSED 10.0.0.7:5432", "getaddrinfo ENOTFOUND db.internal") replaced,
 * so the page names no internal system unless it shows targets.
 */
export function publicReason(reason: string, showTargets: boolean): string {
  if (showTargets) return reason;
  return reason.replace(URLS, '[url]').replace(IPV6, (match) => (match.startsWith('[') || match.includes('::') || match.split(':').length > 5 ? '[address]' : match)).replace(IPV4, '[address]').replace(HOSTS, '[host]');
}
