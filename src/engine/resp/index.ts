/** RESP2: the typed Reply, its encoder, and the incremental request decoder. */

export { type Decoded, RespDecoder, splitArgs } from './decode';
export { encodeCommand, encodeReply } from './encode';
export * from './reply';
