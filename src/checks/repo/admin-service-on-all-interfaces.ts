import { redactSecrets } from '../../targets/secrets/redact.js';
import { commandsOfLine, isPrintedText, readShellScript, type ShellWordAt } from '../../targets/shell/shell-lines.js';
import { defineCheck } from '../define.js';

const WRAPPERS = new Set(['sudo', 'doas', 'exec', 'env', 'nohup', 'command', 'time', 'setsid']);
const ALL_INTERFACES = /^(?:\w+:\/\/)?(?:0\.0\.0\.0|\*|::|\[::\])(?::\d+)?\/?$/;

interface Exposure {
  readonly messageId: 'kubectlProxy' | 'portForward' | 'runtimeApi' | 'datastore' | 'debugger' | 'notebook';
  readonly word: ShellWordAt;
  readonly what: string;
}

export const adminServiceOnAllInterfaces = defineCheck({
  id: 'repo/admin-service-on-all-interfaces',
  title: 'Scripts do not open admin, debug or runtime APIs on all interfaces',
  severity: 'high',
  target: 'shell-script',
  why:
    'A provisioning or helper script that starts an admin endpoint on 0.0.0.0 publishes it to every network the host ' +
    'is on, usually without authentication: `kubectl proxy` forwards anyone to the API server with your credentials, ' +
    '`kubectl port-forward --address 0.0.0.0` puts a cluster-internal service (a database, a dashboard) on the host ' +
    'network, dockerd on tcp://0.0.0.0:2375 without TLS is root on the host for anyone who connects, a Node inspector, ' +
    'debugpy or JDWP port runs any code sent to it, and Redis or MongoDB bound to all interfaces without a password ' +
    'hand out their data.',
  fix: [
    'Bind to the loopback address and reach it over SSH or a VPN:',
    '',
    '    kubectl port-forward svc/grafana 3000:80             # 127.0.0.1 by default',
    '    ssh -L 3000:127.0.0.1:3000 admin@host',
    '    node --inspect=127.0.0.1:9229 server.js',
    '',
    'dockerd on TCP only with --tlsverify and client certificates; Redis with --requirepass (or ACLs) and MongoDB with',
    '--auth when they must listen on the network.',
  ].join('\n'),
  refs: [
    'Kubernetes documentation, kubectl proxy and kubectl port-forward (--address)',
    'Docker documentation, Protect the Docker daemon socket',
    'Node.js documentation, Debugging: security implications of --inspect on a public IP',
    'CWE-1327: Binding to an unrestricted IP address',
    'CIS Docker Benchmark 2.7 (TLS authentication for the Docker daemon)',
  ],
  messages: {
    kubectlProxy: { text: 'kubectl proxy listens on {address}: anyone who reaches it uses the API server with your credentials', severity: 'critical' },
    portForward: { text: 'kubectl port-forward --address {address} publishes a cluster-internal service on every interface of this host', severity: 'medium' },
    runtimeApi: { text: '{what} serves the container runtime API on {address} without TLS: root on the host for anyone who connects', severity: 'critical' },
    datastore: '{what} listens on {address} without a password',
    debugger: '{what} opens a debugger on {address}: anyone who connects runs code in the process',
    notebook: '{what} listens on {address} with its token switched off',
  },
  claims: [
    {
      about: 'admin and debug endpoints bound to localhost',
      risk: true,
      names: [
        ['admin*', '0.0.0.0'],
        ['dashboard*', '0.0.0.0'],
        ['port-forward', 'address'],
        ['port-forward', '0.0.0.0'],
        ['kubectl proxy', 'address'],
        ['bind*', '0.0.0.0'],
        ['bound', '0.0.0.0'],
        ['listen*', 'all interfaces'],
        ['--inspect', '0.0.0.0'],
        ['debug*', 'port*', 'expos*'],
        ['tcp://0.0.0.0:2375'],
        ['docker daemon', 'tcp', 'tls'],
      ],
    },
  ],
  evaluate(script, ctx) {
    if (!/0\.0\.0\.0|::|bind_ip_all|address=\*|\*:\d/.test(script.text)) return;
    for (const line of readShellScript(script.text).lines) {
      for (const command of commandsOfLine(line.text)) {
        const argv = argvOf(command);
        if (!argv[0] || isPrintedText(line.text, argv[0].index)) continue;
        for (const exposure of exposures(argv)) {
          const { line: at, column } = line.positionAt(exposure.word.index);
          ctx.fail(script.at(at, column), exposure.messageId, { what: exposure.what, address: exposure.word.text }, redactSecrets(line.text.trim()).slice(0, 200));
        }
      }
    }
  },
});

function argvOf(command: ShellWordAt[]): ShellWordAt[] {
  let i = 0;
  for (;;) {
    while (i < command.length && /^[A-Za-z_]\w*=/.test(command[i]!.text)) i++;
    const word = command[i];
    if (!word || !WRAPPERS.has(baseName(word.text))) break;
    i++;
    while (i < command.length && command[i]!.text.startsWith('-')) i += /^-[ugCh]$/.test(command[i]!.text) ? 2 : 1;
  }
  return command.slice(i);
}

function exposures(argv: ShellWordAt[]): Exposure[] {
  const program = baseName(argv[0]!.text);
  const args = argv.slice(1);
  const texts = args.map((word) => word.text);
  const found: Exposure[] = [];
  const open = (names: readonly string[], messageId: Exposure['messageId'], what: string, valueOf: (value: string) => string = (v) => v) => {
    for (const { word, value } of flagValues(args, names)) {
      if (value.split(',').some((part) => ALL_INTERFACES.test(valueOf(part.trim())))) found.push({ messageId, word: { ...word, text: value }, what });
    }
  };
  if (program === 'kubectl' || program === 'oc') {
    if (texts.includes('proxy')) open(['--address'], 'kubectlProxy', `${program} proxy`);
    if (texts.includes('port-forward')) open(['--address'], 'portForward', `${program} port-forward`);
  } else if (program === 'dockerd' || program === 'containerd' || program === 'buildkitd' || program === 'podman') {
    if (!texts.some((text) => /^--tls(verify)?(=true)?$/.test(text))) open(['-H', '--host', '--addr'], 'runtimeApi', program, (v) => v.replace(/^tcp:\/\//, ''));
  } else if (program === 'redis-server') {
    // A config file given as well may set the password.
    if (!texts.some((text) => text === '--requirepass' || text.startsWith('--aclfile') || text.endsWith('.conf'))) open(['--bind'], 'datastore', 'redis-server');
  } else if (program === 'mongod') {
    if (!texts.includes('--auth')) {
      open(['--bind_ip'], 'datastore', 'mongod');
      const all = args.find((word) => word.text === '--bind_ip_all');
      if (all) found.push({ messageId: 'datastore', word: { ...all, text: '0.0.0.0' }, what: 'mongod' });
    }
  } else if (program === 'memcached') {
    open(['-l', '--listen'], 'datastore', 'memcached');
  } else if (program === 'jupyter' || program === 'jupyter-lab' || program === 'jupyter-notebook') {
    if (texts.some((text) => /^--(NotebookApp|ServerApp|IdentityProvider)\.token=(''|"")?$/.test(text))) open(['--ip'], 'notebook', program);
  }
  for (const word of args) {
    // node --inspect=0.0.0.0:9229, -agentlib:jdwp=…address=*:5005, python -m debugpy --listen 0.0.0.0:5678
    const inspect = /^--inspect(?:-brk|-wait)?=(.+)$/.exec(word.text);
    if (inspect && ALL_INTERFACES.test(inspect[1]!)) found.push({ messageId: 'debugger', word: { ...word, text: inspect[1]! }, what: `${program} ${word.text.split('=')[0]}` });
    const jdwp = /^-(?:agentlib:jdwp|Xrunjdwp:|agentlib:jdwp=).*address=([^,]+)/.exec(word.text);
    if (jdwp && ALL_INTERFACES.test(jdwp[1]!)) found.push({ messageId: 'debugger', word: { ...word, text: jdwp[1]! }, what: 'JDWP' });
  }
  if (texts.includes('debugpy')) open(['--listen'], 'debugger', 'debugpy');
  return found;
}

/** `--name value` and `--name=value` (and `-Hvalue` for one-letter flags). */
function flagValues(args: ShellWordAt[], names: readonly string[]): { word: ShellWordAt; value: string }[] {
  const values: { word: ShellWordAt; value: string }[] = [];
  args.forEach((word, i) => {
    for (const name of names) {
      if (word.text === name && args[i + 1]) values.push({ word: args[i + 1]!, value: args[i + 1]!.text });
      else if (word.text.startsWith(`${name}=`)) values.push({ word, value: word.text.slice(name.length + 1) });
      else if (/^-\w$/.test(name) && word.text.startsWith(name) && word.text.length > 2) values.push({ word, value: word.text.slice(2) });
    }
  });
  return values;
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}
