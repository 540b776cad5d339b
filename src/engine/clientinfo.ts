/**
 * catClientInfoString (networking.c): the `id=… addr=… cmd=…` text of CLIENT LIST and of the
 * "user request from '…'" log lines. 4.0 prints 18 fields, 7.0 28; the memory figures follow
 * what a 7.0 server reports for a redis-cli connection.
 */

import type { Client } from './client';
import { inPubSubMode } from './pubsub';
import { encodeCommand } from './resp';
import type { Server } from './server';

/** The `flags=` letters, in Redis's order; N when none applies. */
function clientFlags(srv: Server, c: Client): string {
  let f = '';
  if (srv.isReplicaClient(c)) f += 'S';
  if (c.isMaster) f += 'M';
  if (c.monitor) f += 'O';
  if (inPubSubMode(c)) f += 'P';
  if (c.multi) f += 'x';
  if (c.wait !== null || c.blockedOn !== null || c.bpop !== null) f += 'b';
  if (c.tracking !== null) {
    f += 't';
    if (c.tracking.brokenRedir) f += 'R';
    if (c.tracking.bcast) f += 'B';
  }
  if (c.dirtyCas && srv.d.is7) f += 'd';
  if (c.closeAfterReply) f += 'c';
  if (c.noEvict) f += 'e';
  return f || 'N';
}

/** The `id=… addr=… cmd=…` line of one client. */
export function clientInfoString(srv: Server, c: Client, argv?: string[]): string {
  const age = Math.floor((srv.mstime - c.ctime) / 1000);
  const idle = Math.floor((srv.mstime - c.lastInteraction) / 1000);
  const flags = clientFlags(srv, c);
  const multi = c.multi ? c.multi.queue.length : -1;
  const cmd = c.lastCmd;
  // The master link runs as the internal superuser (7.0 CLIENT LIST shows it).
  const user = c.isMaster ? '(superuser)' : 'default';
  if (srv.opts.version === '4.0') {
    return `id=${c.id} addr=${c.addr} fd=${c.fd} name=${c.name} age=${age} idle=${idle} flags=${flags} db=${c.db} sub=${c.subs.size} psub=${c.psubs.size} multi=${multi} qbuf=0 qbuf-free=32768 obl=0 oll=0 omem=0 events=r cmd=${cmd}`;
  }
  const qbuf = argv ? encodeCommand(argv).length : 0;
  const argvMem = argv ? argv.reduce((a, s) => a + s.length, 0) : 0;
  const qbufFree = argv ? 20474 - qbuf : 0;
  const totMem = argv ? 37656 + argvMem : 22272;
  return `id=${c.id} addr=${c.addr} laddr=${c.laddr} fd=${c.fd} name=${c.name} age=${age} idle=${idle} flags=${flags} db=${c.db} sub=${c.subs.size} psub=${c.psubs.size} ssub=${c.ssubs.size} multi=${multi} qbuf=${qbuf} qbuf-free=${qbufFree} argv-mem=${argvMem} multi-mem=0 rbs=${argv ? 16384 : 1024} rbp=${argv ? 16384 : 0} obl=0 oll=0 omem=0 tot-mem=${totMem} events=r cmd=${cmd} user=${user} redir=${c.tracking === null ? -1 : c.tracking.redirect} resp=${c.resp}`;
}
