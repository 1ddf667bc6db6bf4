import { dnsProbe } from './dns.js';
import { httpProbe } from './http.js';
import { tcpProbe } from './tcp.js';
import { tlsProbe } from './tls.js';

/** Every probe, by the monitor key that selects it and holds its configuration. */
export const PROBES = { http: httpProbe, tcp: tcpProbe, dns: dnsProbe, tls: tlsProbe } as const;
