/**
 * CLIENT REPLY, TRACKING, CACHING, GETREDIR and TRACKINGINFO: how much of its replies a connection
 * wants, and server-assisted client-side caching (the state and the messages live in tracking.ts).
 * Option checks and their errors follow networking.c's clientCommand, in its order.
 */
import type { Client } from '../client';
import { ERR, error, int, OK, type Reply } from '../resp';
import type { Server } from '../server';
import { disableTracking, enableTracking, prefixCollision, trackingInfo } from '../tracking';

/** CLIENT REPLY ON|OFF|SKIP: OFF and SKIP answer nothing (their own reply is silenced too). */
export function clientReply(c: Client, mode: string): Reply | null {
  const m = mode.toLowerCase();
  if (m === 'on') {
    c.replyOff = false;
    c.replySkip = false;
    return OK;
  }
  if (m === 'off') c.replyOff = true;
  else if (m === 'skip') {
    if (!c.replyOff) c.replySkipNext = true;
  } else return ERR.syntax;
  return null;
}

/** CLIENT TRACKING ON|OFF [REDIRECT id] [BCAST] [PREFIX p ...] [OPTIN] [OPTOUT] [NOLOOP]. */
export function clientTracking(srv: Server, c: Client, argv: string[]): Reply {
  let redirect = 0;
  let bcast = false;
  let optin = false;
  let optout = false;
  let noloop = false;
  const prefixes: string[] = [];
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    const more = j < argv.length - 1;
    if (opt === 'redirect' && more) {
      j++;
      if (redirect !== 0) return error('ERR A client can only redirect to a single other client');
      if (!/^-?\d+$/.test(argv[j]) || !Number.isSafeInteger(Number(argv[j]))) return ERR.notInteger;
      redirect = Number(argv[j]);
      if (![...srv.clients.values()].some((o) => o.id === redirect)) {
        return error('ERR The client ID you want redirect to does not exist');
      }
    } else if (opt === 'bcast') bcast = true;
    else if (opt === 'optin') optin = true;
    else if (opt === 'optout') optout = true;
    else if (opt === 'noloop') noloop = true;
    else if (opt === 'prefix' && more) prefixes.push(argv[++j]);
    else return ERR.syntax;
  }
  const onOff = argv[2].toLowerCase();
  if (onOff === 'off') {
    disableTracking(srv, c);
    return OK;
  }
  if (onOff !== 'on') return ERR.syntax;
  const cur = c.tracking;
  if (!bcast && prefixes.length > 0) return error('ERR PREFIX option requires BCAST mode to be enabled');
  if (cur !== null && cur.bcast !== bcast) {
    return error(
      "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
    );
  }
  if (bcast && (optin || optout)) return error('ERR OPTIN and OPTOUT are not compatible with BCAST');
  if (optin && optout) return error("ERR You can't specify both OPTIN mode and OPTOUT mode");
  if ((optin && cur?.optout) || (optout && cur?.optin)) {
    return error(
      "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
    );
  }
  if (bcast) {
    const collision = prefixCollision(cur?.prefixes ?? [], prefixes);
    if (collision !== null) return error(collision);
  }
  enableTracking(srv, c, { redirect, bcast, optin, optout, noloop, prefixes });
  return OK;
}

/** CLIENT CACHING YES|NO: the next command's reads are (OPTIN) or are not (OPTOUT) tracked. */
export function clientCaching(c: Client, arg: string): Reply {
  const m = c.tracking;
  if (m === null) {
    return error(
      'ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled',
    );
  }
  const v = arg.toLowerCase();
  if (v === 'yes') {
    if (!m.optin) return error('ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.');
  } else if (v === 'no') {
    if (!m.optout) return error('ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.');
  } else return ERR.syntax;
  m.caching = true;
  return OK;
}

/** CLIENT GETREDIR: the redirect id while tracking (0 without one), -1 when off. */
export function clientGetredir(c: Client): Reply {
  return int(c.tracking === null ? -1 : c.tracking.redirect);
}

export { trackingInfo as clientTrackinginfo };
