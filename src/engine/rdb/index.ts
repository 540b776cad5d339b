/**
 * The RDB snapshot format, as Redis 7.0 (RDB 10) and Redis 4.0 (RDB 8) write it: the file SAVE
 * produces and the payload of a full resynchronization. `writeRdb` reproduces a real server's bytes
 * (given the same key order); `loadRdb` reads what the servers write.
 */

export { Crc64, crc64 } from './crc64';
export {
  intsetEntries,
  type LoadedRdb,
  type LoadRdbOptions,
  listpackEntries,
  loadDumpPayload,
  loadFunctionsPayload,
  loadRdb,
  RdbError,
  ziplistEntries,
} from './load';
export { LzfError, lzfCompress, lzfCompressInto, lzfDecompress } from './lzf';
export {
  DEFAULT_ENCODING_LIMITS,
  dumpFunctionsPayload,
  dumpPayload,
  formatG17,
  listNodes,
  parseInt64,
  RDB_OPCODE,
  RDB_TYPE,
  RDB_VERSION_NUMBER,
  type RdbAux,
  type RdbEncodingLimits,
  type RdbVersion,
  type WriteRdbOptions,
  writeRdb,
} from './write';
