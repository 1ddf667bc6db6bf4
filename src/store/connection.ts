import type { Kysely } from 'kysely';
import type { Engine } from './migrations.js';
import type { Tables } from './tables.js';

/** One open database: the query layer plus what differs per engine. */
export interface Connection {
  engine: Engine;
  db: Kysely<Tables>;
  /** For messages: the file path, or the URL with its password masked. */
  where: string;
  /** Opened for reading only (status and history): migrations cannot run. */
  readOnly: boolean;
  /** The user-facing one-line message for an engine error, or undefined when it is not one. */
  explain(error: unknown): string | undefined;
  /** Whether an engine error passes (the server restarting), so the same write may be retried. */
  transient(error: unknown): boolean;
  sizeBytes(): Promise<number>;
  integrityCheck(quick: boolean): Promise<string[]>;
  /**
   * Throws a StoreError when the database is no longer where it was opened (SQLite: the file was
   * deleted or replaced, so writes would go to a file nobody reads). Called before every write.
   */
  checkStillThere(): void;
  /** After pruning: returns free space to the file system when much of the file is free. */
  reclaim(): Promise<void>;
  close(): Promise<void>;
}
