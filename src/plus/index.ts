// cdk8s-plus-27 interop. Only `import type` from cdk8s-plus-27 here: it is an optional peer
// dependency, and the main entry must load without it.
export * from './pod-security';
export * from './refs';
export * from './network-peer';
export * from './instance-label';
