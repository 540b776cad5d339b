/**
 * The data-type and keyspace commands: the keyspace itself and expiry, strings, lists, hashes,
 * sets and sorted sets, one file each. index.ts registers them next to the server's own commands.
 */
import { appendCommand } from './append';
import { dbsizeCommand } from './dbsize';
import { decrCommand } from './decr';
import { decrbyCommand } from './decrby';
import { delCommand } from './del';
import { existsCommand } from './exists';
import { expireCommand } from './expire';
import { expireatCommand } from './expireat';
import { flushallCommand } from './flushall';
import { flushdbCommand } from './flushdb';
import { getCommand } from './get';
import { getdelCommand } from './getdel';
import { getsetCommand } from './getset';
import { hdelCommand } from './hdel';
import { hexistsCommand } from './hexists';
import { hgetCommand } from './hget';
import { hgetallCommand } from './hgetall';
import { hincrbyCommand } from './hincrby';
import { hincrbyfloatCommand } from './hincrbyfloat';
import { hkeysCommand } from './hkeys';
import { hlenCommand } from './hlen';
import { hmsetCommand } from './hmset';
import { hsetCommand } from './hset';
import { hvalsCommand } from './hvals';
import { incrCommand } from './incr';
import { incrbyCommand } from './incrby';
import { incrbyfloatCommand } from './incrbyfloat';
import { keysCommand } from './keys';
import { llenCommand } from './llen';
import { lpopCommand } from './lpop';
import { lpushCommand } from './lpush';
import { lrangeCommand } from './lrange';
import { mgetCommand } from './mget';
import { msetCommand } from './mset';
import { persistCommand } from './persist';
import { pexpireCommand } from './pexpire';
import { pexpireatCommand } from './pexpireat';
import { psetexCommand } from './psetex';
import { pttlCommand } from './pttl';
import { renameCommand } from './rename';
import { rpopCommand } from './rpop';
import { rpushCommand } from './rpush';
import { saddCommand } from './sadd';
import { scanCommand } from './scan';
import { scardCommand } from './scard';
import { setCommand } from './set';
import { setexCommand } from './setex';
import { setnxCommand } from './setnx';
import { sismemberCommand } from './sismember';
import { smembersCommand } from './smembers';
import { spopCommand } from './spop';
import { srandmemberCommand } from './srandmember';
import { sremCommand } from './srem';
import { strlenCommand } from './strlen';
import { ttlCommand } from './ttl';
import { typeCommand } from './type';
import type { Command } from './types';
import { unlinkCommand } from './unlink';
import { xackCommand } from './xack';
import { xaddCommand } from './xadd';
import { xdelCommand } from './xdel';
import { xgroupCommand } from './xgroup';
import { xlenCommand } from './xlen';
import { xrangeCommand } from './xrange';
import { xreadCommand } from './xread';
import { xrevrangeCommand } from './xrevrange';
import { xsetidCommand } from './xsetid';
import { xtrimCommand } from './xtrim';
import { zaddCommand } from './zadd';
import { zcardCommand } from './zcard';
import { zincrbyCommand } from './zincrby';
import { zrangeCommand } from './zrange';
import { zremCommand } from './zrem';
import { zscoreCommand } from './zscore';

/** Every data-type and keyspace command. */
export const dataCommands: Command[] = [
  // keyspace and expiry
  dbsizeCommand,
  flushdbCommand,
  flushallCommand,
  keysCommand,
  scanCommand,
  typeCommand,
  existsCommand,
  delCommand,
  unlinkCommand,
  renameCommand,
  expireCommand,
  pexpireCommand,
  expireatCommand,
  pexpireatCommand,
  ttlCommand,
  pttlCommand,
  persistCommand,
  // strings
  setCommand,
  getCommand,
  getsetCommand,
  setnxCommand,
  setexCommand,
  psetexCommand,
  msetCommand,
  mgetCommand,
  incrCommand,
  decrCommand,
  incrbyCommand,
  decrbyCommand,
  incrbyfloatCommand,
  appendCommand,
  strlenCommand,
  getdelCommand,
  // lists
  lpushCommand,
  rpushCommand,
  lpopCommand,
  rpopCommand,
  lrangeCommand,
  llenCommand,
  // hashes
  hsetCommand,
  hmsetCommand,
  hgetCommand,
  hgetallCommand,
  hdelCommand,
  hincrbyCommand,
  hincrbyfloatCommand,
  hlenCommand,
  hexistsCommand,
  hkeysCommand,
  hvalsCommand,
  // sets
  saddCommand,
  sremCommand,
  smembersCommand,
  sismemberCommand,
  scardCommand,
  spopCommand,
  srandmemberCommand,
  // streams
  xackCommand,
  xaddCommand,
  xdelCommand,
  xgroupCommand,
  xlenCommand,
  xrangeCommand,
  xreadCommand,
  xrevrangeCommand,
  xsetidCommand,
  xtrimCommand,
  // sorted sets
  zaddCommand,
  zrangeCommand,
  zscoreCommand,
  zremCommand,
  zincrbyCommand,
  zcardCommand,
];
