import type { ComposeService } from '../../targets/compose/compose.js';
import { commandWordsOf, environmentOf } from '../../targets/compose/environment.js';
import { portMappingsOf, rangeIncludes } from '../../targets/compose/ports.js';
import { defineCheck } from '../define.js';

interface Debugger {
  readonly name: string;
  readonly defaultPort: number;
  /** Words of the command or environment that say the debugger runs. */
  readonly runs: RegExp;
  /** The port it listens on when the command names one (first group). */
  readonly portFlag: RegExp;
  /** The default port means this debugger even when the compose file does not start it (package.json scripts do). */
  readonly portAlone?: boolean;
}

const DEBUGGERS: readonly Debugger[] = [
  { name: 'Node.js inspector', defaultPort: 9229, runs: /--inspect(-brk|-wait)?\b/, portFlag: /--inspect(?:-brk|-wait)?=(?:\S*:)?(\d+)\b/g, portAlone: true },
  { name: 'Java debugger (JDWP)', defaultPort: 5005, runs: /\bjdwp\b/i, portFlag: /jdwp=\S*?address=(?:[^\s:,]*:)?(\d+)\b/gi },
  { name: 'Python debugger (debugpy)', defaultPort: 5678, runs: /\b(debugpy|ptvsd)\b/, portFlag: /\b(?:debugpy|ptvsd)\b.*?--listen[=\s]+(?:\S*:)?(\d+)\b/g },
  { name: 'Go debugger (Delve)', defaultPort: 2345, runs: /\bdlv\b/, portFlag: /\bdlv\b.*?--listen[=\s]+(?:\S*:)?(\d+)\b/g },
];

export const debuggerPortExposed = defineCheck({
  id: 'compose/debugger-port-exposed',
  title: 'Compose services do not publish debugger ports on all interfaces',
  severity: 'high',
  target: 'compose-service',
  why:
    'A debugger port runs code for whoever connects: the Node.js inspector evaluates JavaScript in the process, JDWP ' +
    'loads classes and calls methods, debugpy and Delve execute expressions, all without authentication. Published ' +
    'without a host address the port listens on every interface of the machine (and Docker\'s own iptables rules ' +
    'bypass ufw and firewalld), so anyone on the network gets a shell in the container, its secrets and its network.',
  fix: [
    'Publish the debugger on loopback only, and keep it out of the files deployed to servers:',
    '',
    '    ports:',
    '      - "127.0.0.1:9229:9229"',
    '',
    'Put the debug command and port in compose.override.yaml or a docker-compose.debug.yml used only on a laptop.',
  ].join('\n'),
  refs: [
    'Node.js documentation, Debugging guide: security implications of --inspect on a public IP',
    'CWE-489: Active debug code; CWE-1244: Internal asset exposed to unsafe debug access level',
    'OWASP Docker Security Cheat Sheet: rule #5a, bind ports to localhost',
  ],
  messages: {
    debuggerPort: 'service "{service}" publishes the {debugger} port {port} on all interfaces: whoever reaches it runs code in the container',
  },
  claims: [
    {
      about: 'no debugger ports published', risk: true,
      names: ['remote debug*', 'debug port*', 'debugger port*', 'inspector port*', '--inspect', 'JDWP', 'debugpy', ['Node', 'inspector'], ['debugger', 'publish*']],
    },
  ],
  evaluate(service, ctx) {
    const ports = debuggerPorts(service);
    const mappings = portMappingsOf(service);
    if (ports.size === 0 || mappings.length === 0) return ctx.notApplicable();
    for (const mapping of mappings) {
      if (mapping.host.kind !== 'all-interfaces' || mapping.target === undefined) continue;
      const found = [...ports].find(([port]) => rangeIncludes(mapping.target!, port));
      if (found) ctx.fail(service.at(['ports', mapping.index]), 'debuggerPort', { service: service.name, debugger: found[1], port: mapping.written });
    }
  },
});

/** The debugger ports of a service: by default port, or as its command and environment name them. */
function debuggerPorts(service: ComposeService): Map<number, string> {
  const text = [
    ...commandWordsOf(service, 'entrypoint'),
    ...commandWordsOf(service, 'command'),
    ...environmentOf(service).map((variable) => variable.value ?? ''),
  ].join(' ');
  const ports = new Map<number, string>();
  for (const debug of DEBUGGERS) {
    const runs = debug.runs.test(text);
    if (runs || debug.portAlone) ports.set(debug.defaultPort, debug.name);
    if (!runs) continue;
    for (const match of text.matchAll(debug.portFlag)) ports.set(Number(match[1]), debug.name);
  }
  return ports;
}
