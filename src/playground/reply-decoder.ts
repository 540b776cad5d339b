/**
 * The client side of RESP2 (what redis-cli's hiredis does): bytes from a server → typed Reply
 * values, incrementally. It lives in host/ (the coordinator reads every console's replies through
 * it); the playground re-exports it for its callers.
 */
export { ReplyDecoder } from '../host';
