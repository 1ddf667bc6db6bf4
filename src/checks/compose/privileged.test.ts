import { checkCases } from '../../testing/check-cases.js';
import { yaml } from '../../testing/dedent.js';
import { privilegedService } from './privileged.js';

checkCases(privilegedService, {
  pass: [
    yaml`
      services:
        vault:
          image: hashicorp/vault:1.18.3
          cap_add:
            - IPC_LOCK
        web:
          image: nginx:1.27
          privileged: false
          cap_drop: [ALL]
          cap_add: [NET_BIND_SERVICE]
          security_opt:
            - no-new-privileges:true
            - seccomp:./seccomp.json`,
    { name: 'odd shapes', input: 'services:\n  a:\n    privileged: "no"\n    cap_add: SYS_ADMIN\n    security_opt: {x: 1}\n' },
  ],
  fail: [
    {
      name: 'privileged, dangerous capabilities in any spelling, unconfined profiles',
      input: yaml`
        services:
          agent:
            image: acme/agent:1.0
            privileged: true
            cap_add:
              - NET_ADMIN
              - CHOWN
              - cap_sys_admin
              - all
            security_opt:
              - seccomp:unconfined
              - apparmor=unconfined`,
      failures: [
        { messageId: 'privileged', line: 4 },
        { messageId: 'dangerousCapability', line: 6 },
        { messageId: 'dangerousCapability', line: 8 },
        { messageId: 'dangerousCapability', line: 9 },
        { messageId: 'unconfined', line: 11 },
        { messageId: 'unconfined', line: 12 },
      ],
    },
  ],
});
