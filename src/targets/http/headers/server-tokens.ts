import type { HttpHeaders } from '../client.js';
import { firstValue, type HeaderFinding } from './finding.js';

export const SERVER_TOKENS_MESSAGES = {
  serverVersion: 'Server "{value}" announces the software version: scanners match it against known vulnerabilities',
  poweredBy: '{header} "{value}" announces the application stack',
} as const;
export type ServerTokensMessageId = keyof typeof SERVER_TOKENS_MESSAGES;

const POWERED_BY = ['x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator', 'x-runtime-version'];
/** `nginx/1.25.3`, `Apache/2.4.58 (Debian)`, `Microsoft-IIS/10.0`, `openresty/1.21.4.1`. */
const VERSION = /\/\s*v?\d|\b\d+\.\d+/;

export function serverTokensRule(headers: HttpHeaders): HeaderFinding<ServerTokensMessageId>[] {
  const findings: HeaderFinding<ServerTokensMessageId>[] = [];
  const server = firstValue(headers, 'server');
  if (server !== undefined && VERSION.test(server)) findings.push({ messageId: 'serverVersion', data: { value: server }, header: 'server', missing: false, severity: 'low' });
  for (const header of POWERED_BY) {
    const value = firstValue(headers, header);
    if (value !== undefined && value.trim() !== '') findings.push({ messageId: 'poweredBy', data: { header: displayName(header), value }, header, missing: false, severity: 'low' });
  }
  return findings;
}

function displayName(header: string): string {
  return header.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
