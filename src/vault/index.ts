export { createLogger, REDACTED_PATHS, redactSecrets } from './redact.ts';
export {
  ephemeralVault,
  parseVaultKeys,
  Vault,
  VaultConfigError,
  VaultOpenError,
  vaultFromEnv,
} from './vault.ts';
