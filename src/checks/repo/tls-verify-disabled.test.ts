import { checkCases } from '../../testing/check-cases.js';
import { tlsVerifyDisabled } from './tls-verify-disabled.js';

checkCases(tlsVerifyDisabled, {
  pass: [
    {
      name: 'verified requests, a private CA, flags whose cluster hides no k',
      input: [
        'code="$(curl -sS -o /dev/null -w \'%{http_code}\' "https://$host/")"',
        'curl -sS --cacert config/origin-ca.pem https://origin.example.com/',
        'curl -fsSL -ok.html https://example.com/',
        'kubectl --certificate-authority=ca.crt get nodes',
        'grep -k pattern file   # -k is not curl here',
        '# curl -k used to be needed here',
        '',
      ].join('\n'),
    },
    { name: 'empty', input: '' },
    {
      name: 'a command printed for the reader, and flags of the command after -- (podinfo kind.sh, cockroachdb demo.sh)',
      input: [
        'echo ">>> Test with: curl --insecure https://localhost"',
        'log_info "export NODE_TLS_REJECT_UNAUTHORIZED=0 to skip checks"',
        'kubectl exec -it cockroachdb-0 -- /cockroach/cockroach sql --insecure --host=cockroachdb-public',
        'kubectl run cockroachdb -it --image=cockroachdb/cockroach --rm --restart=Never -- sql --insecure',
        '',
      ].join('\n'),
    },
  ],
  fail: [
    {
      name: 'curl -k in a status check loop',
      input: [
        'for host in api.example.com admin.example.com; do',
        '  code="$(curl -sk -o /dev/null -w \'%{http_code}\' "https://$host/")"',
        'done',
        'if curl -sk "https://api.example.com/api/health/" | grep -q ok; then echo ok; fi',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'insecureFlag', line: 2, column: 16 },
        { messageId: 'insecureFlag', line: 4, column: 9 },
      ],
    },
    {
      name: 'other tools and variables',
      input: [
        'wget --no-check-certificate https://example.com/file',
        'kubectl --insecure-skip-tls-verify get pods',
        'git -c http.sslVerify=false clone https://git.example.com/repo.git',
        'GIT_SSL_NO_VERIFY=true git pull',
        'export NODE_TLS_REJECT_UNAUTHORIZED=0',
        'curl --insecure https://example.com',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'insecureFlag', line: 1 },
        { messageId: 'insecureFlag', line: 2 },
        { messageId: 'insecureFlag', line: 3 },
        { messageId: 'insecureEnv', line: 4 },
        { messageId: 'insecureEnv', line: 5 },
        { messageId: 'insecureFlag', line: 6 },
      ],
    },
    {
      name: 'the command after -- is blamed; a substitution inside a message runs',
      input: [
        'kubectl exec deploy/api -- curl -k https://localhost:8443/health',
        'echo "status: $(curl -sk https://localhost/)"',
        '',
      ].join('\n'),
      failures: [
        { messageId: 'insecureFlag', line: 1, column: 33 },
        { messageId: 'insecureFlag', line: 2, column: 22 },
      ],
    },
  ],
});
