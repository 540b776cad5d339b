/**
 * The RDB snapshot format, as Redis 7.0 (RDB 10) and Redis 4.0 (RDB 8) write it: the file SAVE
 * produces and the payload of a full resynchronization. `writeRdb` reproduces a real server's bytes
 * (given the same key order); `loadRdb` reads what the servers write.
 */
export {
  writeRdb,
  parseInt64,
  formatG17,
  RDB_TYPE,
  RDB_OPCODE,
  RDB_VERSION_NUMBER,
  DEFAULT_ENCODING_LIMITS,
  type RdbAux,
  type RdbVersion,
  type RdbEncodingLimits,
  type WriteRdbOptions,
} from './write';
export {
  loadRdb,
  RdbError,
  listpackEntries,
  ziplistEntries,
  intsetEntries,
  type LoadedRdb,
  type LoadRdbOptions,
} from './load';
export { crc64, Crc64 } from './crc64';
export { lzfCompress, lzfCompressInto, lzfDecompress, LzfError } from './lzf';
