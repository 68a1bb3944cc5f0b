/**
 * Which log a file holds: from AWS's file names (`_app.`, `_net.`, `conn_log.`, `_vpcflowlogs_`),
 * else from its first line (a flow-log header or record, an ALB request type, `tls` for NLB, an ISO
 * timestamp followed by an address for ALB connection logs or by a name for Classic).
 */
import { basename } from 'node:path';
import { parseIp } from '../../net/index.js';
import { ALB_REQUEST_TYPES } from '../formats/elb.js';
import { isHeaderTokens } from '../formats/flow-format.js';
import type { LogType } from '../log-type.js';

export function typeFromName(name: string): LogType | undefined {
  const base = basename(name);
  if (base.startsWith('conn_log') || base.includes('_conn_log.')) return 'alb-conn';
  if (base.includes('_app.')) return 'alb';
  if (base.includes('_net.')) return 'nlb';
  if (base.includes('_vpcflowlogs_')) return 'vpc';
  return undefined;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

/** The type a line reads as, or undefined. */
export function typeFromLine(line: string): LogType | undefined {
  const tokens = line.trim().split(/[ \t]+/);
  const first = tokens[0] ?? '';
  if ((ALB_REQUEST_TYPES as readonly string[]).includes(first)) return 'alb';
  if (first === 'tls') return 'nlb';
  if (ISO_TIME.test(first)) {
    const second = tokens[1] ?? '';
    return parseIp(second) ? 'alb-conn' : 'clb';
  }
  if (/^\d+$/.test(first)) return 'vpc';
  if (isHeaderTokens(tokens)) return 'vpc';
  return undefined;
}

const CONTROL = /^Enable AccessLog for ELB: (\S+)/;

/** The control line ELB writes when logging is switched on, and the type its resource id implies. */
export function controlLineType(line: string): LogType | undefined {
  const m = CONTROL.exec(line.trim());
  if (!m) return undefined;
  return m[1]!.startsWith('app/') ? 'alb' : m[1]!.startsWith('net/') ? 'nlb' : 'clb';
}
