export { runDev, type DevOptions } from './dev-node.js';
export { NODE_FLAGS } from './node-flags.js';
export { Keyring } from './keyring.js';
export { DEV_ACCOUNTS } from './dev-accounts.js';
