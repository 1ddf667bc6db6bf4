import { describe, expect, it } from 'vitest';
import { text } from '../../testing/dedent.js';
import { resolveWord, shellCommands } from './command-words.js';
import { scriptSecrets } from './kubectl-create-secret.js';

describe('shellCommands', () => {
  it('joins continuations, drops comments, keeps quotes out and expansions in', () => {
    const commands = shellCommands(text`
      # comment kubectl create secret
      kubectl -n "$NS" create secret generic a \\
        --from-literal='K=v w' "--from-file=F=$(cat "x y")" # trailing
      if [[ -n "$X" ]]; then echo "a;b"; fi
    `);
    expect(commands.map((c) => [c.line, c.words.map((w) => w.text)])).toEqual([
      [2, ['kubectl', '-n', '$NS', 'create', 'secret', 'generic', 'a', '--from-literal=K=v w', '--from-file=F=$(cat "x y")']],
      [4, ['[[', '-n', '$X', ']]']],
      [4, ['echo', 'a;b']],
    ]);
  });

  it('keeps arrays and here-documents', () => {
    const commands = shellCommands('args=(\n  one "two three"\n)\ncat <<-EOF | kubectl apply -f -\n\tbody $X\n\tEOF\necho done\n');
    expect(commands[0]!.array).toMatchObject({ name: 'args', append: false, elements: [{ text: 'one' }, { text: 'two three' }] });
    expect(commands[1]!.heredocs).toEqual([{ body: 'body $X', line: 5, quoted: false }]);
    expect(commands.at(-1)!.words.map((w) => w.text)).toEqual(['echo', 'done']);
    expect(commands.at(-1)!.line).toBe(7);
  });
});

describe('resolveWord', () => {
  it('substitutes literal variables and turns unknown expansions into patterns', () => {
    const variables = new Map([['NS', ['prod']], ['S', ['a', 'b']]]);
    expect(resolveWord('$NS', variables)).toEqual({ values: ['prod'] });
    expect(resolveWord('${S}-token', variables)).toEqual({ values: ['a-token', 'b-token'] });
    expect(resolveWord('${MISSING:-fallback}', variables)).toEqual({ values: ['fallback'] });
    const resolved = resolveWord('$(hostname)-x', variables);
    expect('pattern' in resolved && resolved.pattern.test('node1-x')).toBe(true);
  });
});

describe('scriptSecrets', () => {
  it('reads names, namespaces and keys of kubectl create secret', () => {
    const secrets = scriptSecrets(text`
      NS=shop
      kubectl --namespace "$NS" create secret tls web-tls --cert=c --key=k
      sudo k3s kubectl create secret docker-registry reg --docker-server=r
      kubectl create secret generic env --from-env-file=.env
      kubectl create configmap not-a-secret --from-literal=a=b
      for k in ONE TWO; do kubectl create secret generic loop --from-literal="$k=x"; done
      kubectl create secret generic dynamic --from-literal="$(key)=x"
    `);
    expect(secrets.map((s) => [s.name, s.namespace, s.keys === 'unknown' ? 'unknown' : [...s.keys], s.line])).toEqual([
      [{ values: ['web-tls'] }, { values: ['shop'] }, ['tls.crt', 'tls.key'], 2],
      [{ values: ['reg'] }, undefined, ['.dockerconfigjson'], 3],
      [{ values: ['env'] }, undefined, 'unknown', 4],
      [{ values: ['loop'] }, undefined, ['ONE', 'TWO'], 6],
      [{ values: ['dynamic'] }, undefined, 'unknown', 7],
    ]);
  });
});
