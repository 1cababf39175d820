// What every command that opens the token vault says on a fresh embedded data folder.
import { loadEmbeddedVaultKey } from '../vault/embedded-key.ts';

/** Embedded mode keeps its vault key in DATA_DIR: say so the first time, it must be backed up. */
export function announceEmbeddedVaultKey(): void {
  const key = loadEmbeddedVaultKey();
  if (key?.created)
    process.stderr.write(
      `Created the token vault key ${key.path}: keep it with the data folder (tokens cannot be read without it).\n`,
    );
}
