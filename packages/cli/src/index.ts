export { runDev, type DevOptions } from './commands/dev.js';
export { Keyring } from './keyring.js';
export { DEV_ACCOUNTS } from './dev-accounts.js';
