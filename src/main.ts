/**
 * Page entry. Until the console/topology UI lands, the page runs the walkthrough's failover on the
 * in-page simulator and prints each node's log, so `npm run dev` already shows the engine at work.
 */
import { Playground } from './playground';

const pg = new Playground({ version: '7.0', seed: 1, epoch: Date.now() });
const out: string[] = [];
pg.events.on((ev) => {
  if (ev.type === 'log') out.push(`[${ev.node.split(':')[1]}] ${ev.line}`);
});
const nodes = [6379, 6380, 6381].map((p) => pg.addNode('127.0.0.1', p));
for (const n of nodes) pg.start(n);
pg.exec(nodes[1], ['SLAVEOF', '127.0.0.1', '6379']);
pg.exec(nodes[2], ['SLAVEOF', '127.0.0.1', '6379']);
pg.exec(nodes[0], ['SET', 'k1', 'v1']);
pg.settle();
pg.kill(nodes[0]);
pg.exec(nodes[1], ['SLAVEOF', 'NO', 'ONE']);
pg.exec(nodes[2], ['SLAVEOF', '127.0.0.1', '6380']);
pg.settle();

const status = document.getElementById('status');
if (status) status.textContent = 'A PSYNC2 failover, replayed by the engine (the interactive consoles are on the way):';
const pre = document.createElement('pre');
pre.setAttribute('role', 'log');
pre.textContent = out.join('\n');
document.getElementById('app')?.append(pre);
