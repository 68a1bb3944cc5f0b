// Public surface of the net layer: addresses, CIDRs, LPM tables, address sets, ports,
// protocols, ephemeral ranges and special address blocks. Knows nothing about AWS.

export * from './cidr.js';
export * from './cidr-cover.js';
export * from './decimal.js';
export * from './ephemeral.js';
export * from './ip.js';
export * from './ip-set.js';
export * from './ipv4-text.js';
export * from './ipv6-text.js';
export * from './lpm.js';
export * from './ports.js';
export * from './protocol.js';
export * from './protocol-table.js';
export * from './special.js';
export * from './types.js';
