/**
 * The data-type and keyspace commands: the keyspace itself and expiry, strings, lists, hashes,
 * sets and sorted sets, one file each. index.ts registers them next to the server's own commands.
 */
import { appendCommand } from './append';
import { bitcountCommand } from './bitcount';
import { bitfieldCommand } from './bitfield';
import { bitfieldRoCommand } from './bitfield-ro';
import { bitopCommand } from './bitop';
import { bitposCommand } from './bitpos';
import { blmoveCommand } from './blmove';
import { blmpopCommand } from './blmpop';
import { blpopCommand } from './blpop';
import { brpopCommand } from './brpop';
import { brpoplpushCommand } from './brpoplpush';
import { bzmpopCommand } from './bzmpop';
import { bzpopmaxCommand } from './bzpopmax';
import { bzpopminCommand } from './bzpopmin';
import { copyCommand } from './copy';
import { dbsizeCommand } from './dbsize';
import { decrCommand } from './decr';
import { decrbyCommand } from './decrby';
import { delCommand } from './del';
import { dumpCommand } from './dump';
import { existsCommand } from './exists';
import { expireCommand } from './expire';
import { expireatCommand } from './expireat';
import { expiretimeCommand } from './expiretime';
import { flushallCommand } from './flushall';
import { flushdbCommand } from './flushdb';
import { geoaddCommand } from './geoadd';
import { geodistCommand } from './geodist';
import { geohashCommand } from './geohash';
import { geoposCommand } from './geopos';
import { georadiusCommand } from './georadius';
import { georadiusRoCommand } from './georadius-ro';
import { georadiusbymemberCommand } from './georadiusbymember';
import { georadiusbymemberRoCommand } from './georadiusbymember-ro';
import { geosearchCommand } from './geosearch';
import { geosearchstoreCommand } from './geosearchstore';
import { getCommand } from './get';
import { getbitCommand } from './getbit';
import { getdelCommand } from './getdel';
import { getexCommand } from './getex';
import { getrangeCommand } from './getrange';
import { getsetCommand } from './getset';
import { hdelCommand } from './hdel';
import { hexistsCommand } from './hexists';
import { hgetCommand } from './hget';
import { hgetallCommand } from './hgetall';
import { hincrbyCommand } from './hincrby';
import { hincrbyfloatCommand } from './hincrbyfloat';
import { hkeysCommand } from './hkeys';
import { hlenCommand } from './hlen';
import { hmgetCommand } from './hmget';
import { hmsetCommand } from './hmset';
import { hrandfieldCommand } from './hrandfield';
import { hscanCommand } from './hscan';
import { hsetCommand } from './hset';
import { hsetnxCommand } from './hsetnx';
import { hstrlenCommand } from './hstrlen';
import { hvalsCommand } from './hvals';
import { incrCommand } from './incr';
import { incrbyCommand } from './incrby';
import { incrbyfloatCommand } from './incrbyfloat';
import { keysCommand } from './keys';
import { lcsCommand } from './lcs';
import { lindexCommand } from './lindex';
import { linsertCommand } from './linsert';
import { llenCommand } from './llen';
import { lmoveCommand } from './lmove';
import { lmpopCommand } from './lmpop';
import { lpopCommand } from './lpop';
import { lposCommand } from './lpos';
import { lpushCommand } from './lpush';
import { lpushxCommand } from './lpushx';
import { lrangeCommand } from './lrange';
import { lremCommand } from './lrem';
import { lsetCommand } from './lset';
import { ltrimCommand } from './ltrim';
import { mgetCommand } from './mget';
import { moveCommand } from './move';
import { msetCommand } from './mset';
import { msetnxCommand } from './msetnx';
import { persistCommand } from './persist';
import { pexpireCommand } from './pexpire';
import { pexpireatCommand } from './pexpireat';
import { pexpiretimeCommand } from './pexpiretime';
import { pfaddCommand } from './pfadd';
import { pfcountCommand } from './pfcount';
import { pfdebugCommand } from './pfdebug';
import { pfmergeCommand } from './pfmerge';
import { pfselftestCommand } from './pfselftest';
import { psetexCommand } from './psetex';
import { pttlCommand } from './pttl';
import { randomkeyCommand } from './randomkey';
import { renameCommand } from './rename';
import { renamenxCommand } from './renamenx';
import { restoreCommand } from './restore';
import { rpopCommand } from './rpop';
import { rpoplpushCommand } from './rpoplpush';
import { rpushCommand } from './rpush';
import { rpushxCommand } from './rpushx';
import { saddCommand } from './sadd';
import { scanCommand } from './scan';
import { scardCommand } from './scard';
import { sdiffCommand } from './sdiff';
import { sdiffstoreCommand } from './sdiffstore';
import { setCommand } from './set';
import { setbitCommand } from './setbit';
import { setexCommand } from './setex';
import { setnxCommand } from './setnx';
import { setrangeCommand } from './setrange';
import { sinterCommand } from './sinter';
import { sintercardCommand } from './sintercard';
import { sinterstoreCommand } from './sinterstore';
import { sismemberCommand } from './sismember';
import { smembersCommand } from './smembers';
import { smismemberCommand } from './smismember';
import { smoveCommand } from './smove';
import { sortCommand } from './sort';
import { sortRoCommand } from './sort-ro';
import { spopCommand } from './spop';
import { srandmemberCommand } from './srandmember';
import { sremCommand } from './srem';
import { sscanCommand } from './sscan';
import { strlenCommand } from './strlen';
import { substrCommand } from './substr';
import { sunionCommand } from './sunion';
import { sunionstoreCommand } from './sunionstore';
import { swapdbCommand } from './swapdb';
import { touchCommand } from './touch';
import { ttlCommand } from './ttl';
import { typeCommand } from './type';
import type { Command } from './types';
import { unlinkCommand } from './unlink';
import { xackCommand } from './xack';
import { xaddCommand } from './xadd';
import { xautoclaimCommand } from './xautoclaim';
import { xclaimCommand } from './xclaim';
import { xdelCommand } from './xdel';
import { xgroupCommand } from './xgroup';
import { xinfoCommand } from './xinfo';
import { xlenCommand } from './xlen';
import { xpendingCommand } from './xpending';
import { xrangeCommand } from './xrange';
import { xreadCommand } from './xread';
import { xreadgroupCommand } from './xreadgroup';
import { xrevrangeCommand } from './xrevrange';
import { xsetidCommand } from './xsetid';
import { xtrimCommand } from './xtrim';
import { zaddCommand } from './zadd';
import { zcardCommand } from './zcard';
import { zcountCommand } from './zcount';
import { zdiffCommand } from './zdiff';
import { zdiffstoreCommand } from './zdiffstore';
import { zincrbyCommand } from './zincrby';
import { zinterCommand } from './zinter';
import { zintercardCommand } from './zintercard';
import { zinterstoreCommand } from './zinterstore';
import { zlexcountCommand } from './zlexcount';
import { zmpopCommand } from './zmpop';
import { zmscoreCommand } from './zmscore';
import { zpopmaxCommand } from './zpopmax';
import { zpopminCommand } from './zpopmin';
import { zrandmemberCommand } from './zrandmember';
import { zrangeCommand } from './zrange';
import { zrangebylexCommand } from './zrangebylex';
import { zrangebyscoreCommand } from './zrangebyscore';
import { zrangestoreCommand } from './zrangestore';
import { zrankCommand } from './zrank';
import { zremCommand } from './zrem';
import { zremrangebylexCommand } from './zremrangebylex';
import { zremrangebyrankCommand } from './zremrangebyrank';
import { zremrangebyscoreCommand } from './zremrangebyscore';
import { zrevrangeCommand } from './zrevrange';
import { zrevrangebylexCommand } from './zrevrangebylex';
import { zrevrangebyscoreCommand } from './zrevrangebyscore';
import { zrevrankCommand } from './zrevrank';
import { zscanCommand } from './zscan';
import { zscoreCommand } from './zscore';
import { zunionCommand } from './zunion';
import { zunionstoreCommand } from './zunionstore';

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
  renamenxCommand,
  copyCommand,
  moveCommand,
  swapdbCommand,
  touchCommand,
  randomkeyCommand,
  expiretimeCommand,
  pexpiretimeCommand,
  dumpCommand,
  restoreCommand,
  sortCommand,
  sortRoCommand,
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
  setrangeCommand,
  getrangeCommand,
  substrCommand,
  msetnxCommand,
  getexCommand,
  lcsCommand,
  setbitCommand,
  getbitCommand,
  bitcountCommand,
  bitposCommand,
  bitopCommand,
  bitfieldCommand,
  bitfieldRoCommand,
  // lists
  lpushCommand,
  rpushCommand,
  lpopCommand,
  rpopCommand,
  lrangeCommand,
  llenCommand,
  lindexCommand,
  lsetCommand,
  linsertCommand,
  lremCommand,
  ltrimCommand,
  lpushxCommand,
  rpushxCommand,
  lposCommand,
  lmoveCommand,
  rpoplpushCommand,
  lmpopCommand,
  blpopCommand,
  brpopCommand,
  blmoveCommand,
  brpoplpushCommand,
  blmpopCommand,
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
  hmgetCommand,
  hsetnxCommand,
  hstrlenCommand,
  hrandfieldCommand,
  hscanCommand,
  // sets
  saddCommand,
  sremCommand,
  smembersCommand,
  sismemberCommand,
  scardCommand,
  spopCommand,
  srandmemberCommand,
  sinterCommand,
  sinterstoreCommand,
  sunionCommand,
  sunionstoreCommand,
  sdiffCommand,
  sdiffstoreCommand,
  sintercardCommand,
  smoveCommand,
  smismemberCommand,
  sscanCommand,
  // streams
  xackCommand,
  xautoclaimCommand,
  xclaimCommand,
  xinfoCommand,
  xpendingCommand,
  xreadgroupCommand,
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
  zcountCommand,
  zlexcountCommand,
  zmscoreCommand,
  zpopmaxCommand,
  zpopminCommand,
  zrandmemberCommand,
  zrangebylexCommand,
  zrangebyscoreCommand,
  zrangestoreCommand,
  zrankCommand,
  zremrangebylexCommand,
  zremrangebyrankCommand,
  zremrangebyscoreCommand,
  zrevrangeCommand,
  zrevrangebylexCommand,
  zrevrangebyscoreCommand,
  zrevrankCommand,
  zunionCommand,
  zunionstoreCommand,
  zinterCommand,
  zinterstoreCommand,
  zdiffCommand,
  zdiffstoreCommand,
  zintercardCommand,
  zscanCommand,
  zmpopCommand,
  bzpopminCommand,
  bzpopmaxCommand,
  bzmpopCommand,
  // HyperLogLog
  pfaddCommand,
  pfcountCommand,
  pfmergeCommand,
  pfdebugCommand,
  pfselftestCommand,
  // geo
  geoaddCommand,
  geodistCommand,
  geohashCommand,
  geoposCommand,
  georadiusCommand,
  georadiusRoCommand,
  georadiusbymemberCommand,
  georadiusbymemberRoCommand,
  geosearchCommand,
  geosearchstoreCommand,
];
