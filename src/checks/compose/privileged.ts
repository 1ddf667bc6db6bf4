import { DANGEROUS_CAPABILITY_NAMES, PRIVILEGED_NAMES, SECCOMP_NAMES } from '../../targets/docker/claims.js';
import { asArray, asBoolean, asString } from '../../targets/yaml/read.js';
import { defineCheck } from '../define.js';

/** Capabilities that reach past the container: the host kernel, other containers' traffic, other processes. */
const DANGEROUS_CAPABILITIES = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH', 'NET_ADMIN', 'BPF', 'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE']);
const UNCONFINED = /^(seccomp|apparmor)[:=]unconfined$/i;

export const privilegedService = defineCheck({
  id: 'compose/privileged',
  title: 'Compose services are not privileged and add no dangerous capabilities',
  severity: 'high',
  target: 'compose-service',
  why:
    '`privileged: true` gives the container every capability, every host device and no seccomp or AppArmor profile: ' +
    'root in it is root on the host (mount the host disk, load kernel modules). SYS_ADMIN, SYS_MODULE, SYS_PTRACE, ' +
    'DAC_READ_SEARCH, NET_ADMIN or ALL in cap_add hand out the specific powers container escapes are built on, and ' +
    'seccomp:unconfined removes the syscall filter that blocks most kernel exploits.',
  fix: [
    'Remove privileged and add back only the capability the process needs, after dropping the rest:',
    '',
    '    cap_drop: [ALL]',
    '    cap_add: [NET_BIND_SERVICE]   # only if it binds a port below 1024',
    '    security_opt:',
    '      - no-new-privileges:true',
    '',
    'A device the service needs goes under `devices:`, not privileged.',
  ].join('\n'),
  refs: [
    'CIS Docker Benchmark 5.5 (privileged containers), 5.3 (restrict Linux kernel capabilities), 5.22 (seccomp)',
    'OWASP Docker Security Cheat Sheet: rule #3, limit capabilities',
    'compose-lint CL-0002 (privileged), CL-0006 (capabilities), CL-0009 (seccomp/apparmor unconfined)',
    'KICS Privileged Containers Enabled (ae5b6871)',
  ],
  messages: {
    privileged: 'service "{service}" runs privileged: every capability and device of the host',
    dangerousCapability: 'service "{service}" adds the dangerous capability {capability}',
    unconfined: 'service "{service}" turns off its {profile} profile ({option})',
  },
  claims: [
    { about: 'not privileged', risk: true, names: PRIVILEGED_NAMES, messages: ['privileged'] },
    { about: 'no dangerous capabilities', risk: true, names: DANGEROUS_CAPABILITY_NAMES, messages: ['dangerousCapability'] },
    { about: 'seccomp and AppArmor confine the container', names: [...SECCOMP_NAMES, 'AppArmor'], messages: ['unconfined'] },
  ],
  evaluate(service, ctx) {
    if (asBoolean(service.spec.privileged) === true || asString(service.spec.privileged) === 'true') {
      ctx.fail(service.at('privileged'), 'privileged', { service: service.name });
    }
    asArray(service.spec.cap_add).forEach((item, index) => {
      const capability = asString(item)?.trim().toUpperCase().replace(/^CAP_/, '');
      if (capability && DANGEROUS_CAPABILITIES.has(capability)) ctx.fail(service.at(['cap_add', index]), 'dangerousCapability', { service: service.name, capability });
    });
    asArray(service.spec.security_opt).forEach((item, index) => {
      const option = asString(item)?.trim();
      if (option && UNCONFINED.test(option)) ctx.fail(service.at(['security_opt', index]), 'unconfined', { service: service.name, profile: option.split(/[:=]/)[0]!, option });
    });
  },
});
