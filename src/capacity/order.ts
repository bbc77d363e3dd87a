export { compare } from '../core/order';
