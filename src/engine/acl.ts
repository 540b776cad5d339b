/**
 * Authentication: the 7.0 ACL's default user, the only user the playground has, and the ACL LOG
 * of failed authentications. 7.0 keeps `requirepass` as the default user's password (CONFIG SET
 * requirepass resets its passwords to that one, or to nopass when empty), and AUTH / HELLO AUTH
 * check against the user's passwords (kept as SHA-256 digests, as ACL LIST shows them). 4.0 has
 * no ACL: AUTH compares with requirepass itself (see commands/auth.ts).
 *
 * A client is let in at connect time when the default user is on and has nopass (7.0), and stays
 * in after a password is set; `authRequired` is the check processCommand makes before every
 * command that is not flagged no-auth.
 */
import type { Client } from './client';
import { sha256Hex } from './commands/util/sha256';

export class DefaultUser {
  /** `on` / `off`: an off user cannot authenticate, and requires everyone to. */
  enabled = true;
  nopass = true;
  /** SHA-256 digests of its passwords, in the order they were added (ACL LIST's order). */
  passwords: string[] = [];

  /** ACLUpdateDefaultUserPassword: what CONFIG SET requirepass (and the config file) does. */
  setRequirepass(pass: string): void {
    this.passwords = [];
    this.nopass = pass === '';
    if (pass !== '') this.passwords.push(sha256Hex(pass));
  }

  /** Whether this password lets one in as the default user. */
  check(pass: string): boolean {
    if (!this.enabled) return false;
    if (this.nopass) return true;
    return this.passwords.includes(sha256Hex(pass));
  }

  /** What a new connection starts as (createClient's c->authenticated). */
  authenticatedAtConnect(): boolean {
    return this.nopass && this.enabled;
  }

  /** 7.0 authRequired(): the default user needs a password (or is off) and this client never gave it. */
  authRequired(c: Client): boolean {
    return (!this.nopass || !this.enabled) && !c.authenticated;
  }
}

/** One ACL LOG entry: a failed AUTH (the only denial the playground records). */
export interface AclLogEntry {
  count: number;
  reason: 'auth';
  context: 'toplevel' | 'multi';
  object: string;
  username: string;
  /** ms, when it was first and last logged. */
  created: number;
  updated: number;
  clientInfo: string;
}

/** ACL LOG keeps at most acllog-max-len entries, newest first; a like entry within 60 s is counted. */
export function aclLogAdd(
  log: AclLogEntry[],
  e: Omit<AclLogEntry, 'count' | 'created' | 'updated'>,
  now: number,
  max: number,
): void {
  const like = log.find(
    (x) => x.reason === e.reason && x.context === e.context && x.object === e.object && x.username === e.username,
  );
  if (like !== undefined && now - like.updated < 60000) {
    like.count++;
    like.updated = now;
    like.clientInfo = e.clientInfo;
    // The updated entry moves to the head, as Redis relinks it.
    log.splice(log.indexOf(like), 1);
    log.unshift(like);
    return;
  }
  log.unshift({ ...e, count: 1, created: now, updated: now });
  while (log.length > max) log.pop();
}
