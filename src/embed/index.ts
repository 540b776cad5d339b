/** The embeddable widget: the `<redis-playground>` custom element, its API and events. */
export {
  defineRedisPlayground,
  type RedisPlaygroundApi,
  RedisPlaygroundElement,
  type RedisPlaygroundEventMap,
  SCENARIO_SCRIPT_TYPE,
} from './element';
