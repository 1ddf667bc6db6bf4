import type { TextFile } from './text-file.js';
import { defineIndex } from './shared-index.js';
import { scanSecrets, type SecretMatch } from '../secrets/secretlint.js';

/** secretlint's results per file, scanned at most once per workspace whichever check asks first. */
export interface TreeSecrets {
  scan(file: TextFile): Promise<SecretMatch[]>;
}

export const treeSecrets = defineIndex<TreeSecrets>('secrets:tree', () => {
  const scanned = new Map<string, Promise<SecretMatch[]>>();
  return {
    scan(file) {
      let result = scanned.get(file.file);
      if (!result) {
        result = scanSecrets(file.text, file.file);
        scanned.set(file.file, result);
      }
      return result;
    },
  };
});
