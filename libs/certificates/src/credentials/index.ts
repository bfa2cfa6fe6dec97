export * from './base58btc';
export * from './credential-builder';
export * from './credential-signer';
export * from './credential-types';
export * from './jcs';
export * from './bitstring-status-list';
