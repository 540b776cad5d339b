/**
 * Byte links: the MessagePort subset both environments share, a free-running `ByteStream` over a
 * port, the coordinator-sequenced link the playground's workers use, and the message protocol
 * between a coordinator and its workers.
 */

export { type ChannelLike, listen, newChannel, type PortLike, type PortMessageEvent } from './port';
export type { FromWorker, LinkChunk, NodeCommand, NodeEffect, NodeResult, StartSpec, ToWorker } from './protocol';
export { SequencedLink } from './sequenced';
export { type ByteStream, type PortStreamOptions, portByteStream, type StreamMessage } from './stream';
