/** The embeddable widget: the `<redis-playground>` custom element. */
export { defineRedisPlayground, RedisPlaygroundElement } from './element';
