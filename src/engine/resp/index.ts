/** RESP2: the typed Reply, its encoder, and the incremental request decoder. */
export * from './reply';
export { encodeReply, encodeCommand } from './encode';
export { RespDecoder, splitArgs, type Decoded } from './decode';
