import { includeResolver, nginxFilesIndex } from '../../targets/config/nginx.js';
import { placedDirectives } from '../../targets/config/nginx-locations.js';
import { defineCheck } from '../define.js';

/** `SecRuleEngine DetectionOnly|Off`, alone on its line or inside nginx's `modsecurity_rules '…'`. */
const RULE_ENGINE = /(?<![\w-])SecRuleEngine\s+["']?(DetectionOnly|Off)\b/gi;
/** `SecRuleRemoveById 949110`, ranges `900000-999999`, several ids. */
const REMOVE_BY_ID = /(?<![\w-])SecRuleRemoveById\s+([^\n#'"]+)/gi;
/** `SecRuleRemoveByTag attack-sqli`: a whole class of attacks. */
const REMOVE_BY_TAG = /(?<![\w-])SecRuleRemoveByTag\s+["']?(attack-[\w-]+|OWASP_CRS(?:\/[\w-]+)?|paranoia-level\/1)["']?/gi;
/** CRS anomaly-score thresholds so high that nothing ever reaches them. */
const THRESHOLD = /tx\.(inbound|outbound)_anomaly_score_threshold=(\d+)/gi;
/** The CRS rules that turn an anomaly score into a block. */
const BLOCKING_RULES = [949110, 959100, 980130];
/** Directives that hand a request to an application or serve files. */
const FORWARDS_OR_SERVES = /^(?:proxy_pass|fastcgi_pass|grpc_pass|uwsgi_pass|scgi_pass|memcached_pass|try_files|root|alias|location|content_by_lua\w*)$/;
/** Removing this many ids at once is removing a rule family, not one false positive. */
const BROAD_RANGE = 100;

export const modsecurityNotBlocking = defineCheck({
  id: 'repo/modsecurity-not-blocking',
  title: 'ModSecurity blocks attacks where it is deployed',
  severity: 'medium',
  target: 'config-file',
  why:
    'A web application firewall that only logs stops nothing: `SecRuleEngine DetectionOnly` (the default of the ' +
    'shipped modsecurity.conf-recommended) and `Off` let every request through, `modsecurity off;` in an nginx location ' +
    'exempts that path, and removing the CRS blocking-evaluation rules (949110, 959100), whole rule ranges or attack ' +
    'tags, or raising the anomaly threshold out of reach, does the same while the WAF still appears in the architecture.',
  fix: [
    'Turn blocking on once the tuning period is over, and remove single rules for single paths instead of families:',
    '',
    '    SecRuleEngine On',
    '    SecRule REQUEST_URI "@beginsWith /api/upload" "id:1000,phase:1,pass,nolog,ctl:ruleRemoveById=942100"',
  ].join('\n'),
  refs: [
    'ModSecurity reference manual: SecRuleEngine, SecRuleRemoveById, SecRuleRemoveByTag',
    'OWASP Core Rule Set documentation: anomaly scoring, false positives and tuning',
    'ModSecurity-nginx connector: modsecurity on|off',
  ],
  messages: {
    engineNotBlocking: 'SecRuleEngine {mode}: ModSecurity {effect}',
    switchedOff: 'modsecurity off exempts {scope} from the WAF',
    blockingRemoved: 'SecRuleRemoveById {ids} removes the rules that block: the WAF only scores',
    broadRemoval: 'SecRuleRemoveById {ids} removes {count} rules at once',
    tagRemoved: 'SecRuleRemoveByTag {tag} removes a whole class of protections',
    thresholdOutOfReach: 'the {direction} anomaly threshold {threshold} is never reached, so CRS blocks nothing',
  },
  claims: [
    {
      about: 'the WAF blocks',
      risk: true,
      names: [
        'SecRuleEngine',
        'DetectionOnly',
        ['ModSecurity', 'block*'],
        ['ModSecurity', 'detection'],
        ['ModSecurity', 'enabled'],
        ['WAF', 'block*'],
        ['WAF', 'detection only'],
        ['WAF', 'enforc*'],
        ['WAF', 'disabled'],
        ['Core Rule Set', 'block*'],
      ],
    },
  ],
  evaluate(file, ctx) {
    const text = file.text;
    const nginx = ctx.shared(nginxFilesIndex).get(file.file);
    if (!/SecRule|modsecurity/i.test(text)) return ctx.notApplicable();
    file.lines.forEach((line, i) => {
      if (/^\s*#/.test(line)) return;
      const at = (index: number) => file.at(i + 1, index + 1);
      for (const match of line.matchAll(RULE_ENGINE)) {
        const mode = match[1]!;
        ctx.fail(at(match.index), 'engineNotBlocking', { mode, effect: mode.toLowerCase() === 'off' ? 'is switched off' : 'logs attacks and lets them through' });
      }
      for (const match of line.matchAll(REMOVE_BY_ID)) {
        const ranges = match[1]!.trim().split(/[\s,]+/).map((part) => /^(\d+)(?:-(\d+))?$/.exec(part)).filter((range) => range !== null).map((range) => [Number(range[1]), Number(range[2] ?? range[1])] as const);
        const ids = match[1]!.trim();
        if (ranges.some(([from, to]) => BLOCKING_RULES.some((id) => from <= id && id <= to))) ctx.fail(at(match.index), 'blockingRemoved', { ids });
        else {
          const count = ranges.reduce((sum, [from, to]) => sum + Math.max(0, to - from + 1), 0);
          if (count >= BROAD_RANGE) ctx.fail(at(match.index), 'broadRemoval', { ids, count: String(count) });
        }
      }
      for (const match of line.matchAll(REMOVE_BY_TAG)) ctx.fail(at(match.index), 'tagRemoved', { tag: match[1]! });
      for (const match of line.matchAll(THRESHOLD)) {
        if (Number(match[2]) >= 1000) ctx.fail(at(match.index), 'thresholdOutOfReach', { direction: match[1]!.toLowerCase(), threshold: match[2]! });
      }
    });
    if (!nginx) return;
    for (const { directive, enclosing } of placedDirectives(nginx, () => undefined)) {
      if (directive.name !== 'modsecurity' || directive.args[0]?.toLowerCase() !== 'off') continue;
      const block = enclosing.at(-1);
      // A location that answers by itself (`location /health { modsecurity off; return 200; }`) has nothing behind it to protect.
      const body = block?.block ?? [];
      if (block?.name === 'location' && body.some((d) => d.name === 'return') && !body.some((d) => FORWARDS_OR_SERVES.test(d.name))) continue;
      const scope = block?.name === 'location' ? `location ${block.args.join(' ')}` : block?.name === 'server' ? 'this server' : 'everything here';
      ctx.fail(file.at(directive.line, directive.column), 'switchedOff', { scope });
    }
  },
});
