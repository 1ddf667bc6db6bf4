import { z } from 'zod';

/** One string, or a list of them (`where: deploy/**` or `where: [a, b]`), read as a list. */
export const stringList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));
