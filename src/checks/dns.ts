import { caa } from './dns/caa.js';
import { dkim } from './dns/dkim.js';
import { dmarc } from './dns/dmarc.js';
import { dmarcReports } from './dns/dmarc-reports.js';
import { dnssec } from './dns/dnssec.js';
import { mtaSts } from './dns/mta-sts.js';
import { mtaStsPolicy } from './dns/mta-sts-policy.js';
import { mxStarttls } from './dns/mx-starttls.js';
import { spf } from './dns/spf.js';
import { tlsRpt } from './dns/tls-rpt.js';
import type { AnyCheck } from './define.js';

/** The dns checks: one line per module under src/checks/dns/ (a test holds the list against the folder). */
export const checks: readonly AnyCheck[] = [
  caa,
  dkim,
  dmarc,
  dmarcReports,
  dnssec,
  mtaSts,
  mtaStsPolicy,
  mxStarttls,
  spf,
  tlsRpt,
];
