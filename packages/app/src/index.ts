export * from './abci/types.js';
export * from './abci/routes.js';
