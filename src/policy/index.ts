export * from './types';
export * from './policy';
export * from './suppressions';
export * from './rules';
export * from './doc';
export { ContainerRole } from './_pods';
export { selectorMatches } from '../core/selector';
