/** Every lint rule, in documentation order. Adding a rule: one file under rules/<area>/ and one line here. */
import { DX001 } from './rules/dx/DX001.js';
import { DX002 } from './rules/dx/DX002.js';
import { DX003 } from './rules/dx/DX003.js';
import { DX004 } from './rules/dx/DX004.js';
import { DX005 } from './rules/dx/DX005.js';
import { DX006 } from './rules/dx/DX006.js';
import { DX007 } from './rules/dx/DX007.js';
import { DX008 } from './rules/dx/DX008.js';
import { DX009 } from './rules/dx/DX009.js';
import { EC2001 } from './rules/ec2/EC2001.js';
import { EC2002 } from './rules/ec2/EC2002.js';
import { EP001 } from './rules/ep/EP001.js';
import { EP002 } from './rules/ep/EP002.js';
import { FL001 } from './rules/fl/FL001.js';
import { FL002 } from './rules/fl/FL002.js';
import { FL003 } from './rules/fl/FL003.js';
import { NACL001 } from './rules/nacl/NACL001.js';
import { NACL002 } from './rules/nacl/NACL002.js';
import { NACL003 } from './rules/nacl/NACL003.js';
import { NACL004 } from './rules/nacl/NACL004.js';
import { NAT001 } from './rules/nat/NAT001.js';
import { NAT002 } from './rules/nat/NAT002.js';
import { NAT003 } from './rules/nat/NAT003.js';
import { NAT004 } from './rules/nat/NAT004.js';
import { NAT005 } from './rules/nat/NAT005.js';
import { NET001 } from './rules/net/NET001.js';
import { RT001 } from './rules/rt/RT001.js';
import { RT002 } from './rules/rt/RT002.js';
import { RT003 } from './rules/rt/RT003.js';
import { RT004 } from './rules/rt/RT004.js';
import { SG001 } from './rules/sg/SG001.js';
import { SG002 } from './rules/sg/SG002.js';
import { SG003 } from './rules/sg/SG003.js';
import { TGW001 } from './rules/tgw/TGW001.js';
import { TGW002 } from './rules/tgw/TGW002.js';
import { VPN001 } from './rules/vpn/VPN001.js';
import { VPN002 } from './rules/vpn/VPN002.js';
import { VPN003 } from './rules/vpn/VPN003.js';
import { VPN004 } from './rules/vpn/VPN004.js';
import type { Rule, RuleMeta } from './types.js';

/** The pseudo-rule for a rule that threw: a bug in vpcsim, reported as a finding instead of a crash. */
export const LINT000: RuleMeta = {
  id: 'LINT000',
  area: 'LINT',
  severity: 'error',
  summary: 'A lint rule failed with an internal error; its checks did not run.',
  rationale:
    'One broken rule must not hide the findings of the others, and must not look like a clean result: the failure is reported as a finding naming the rule and the error.',
  docs: [],
  fix: 'Report the error to the vpcsim maintainers with the snapshot (or a reduced one) that triggers it.',
};

export const RULES: readonly Rule[] = [
  RT001,
  RT002,
  RT003,
  RT004,
  NACL001,
  NACL002,
  NACL003,
  NACL004,
  SG001,
  SG002,
  SG003,
  NAT001,
  NAT002,
  NAT003,
  NAT004,
  NAT005,
  EC2001,
  EC2002,
  EP001,
  EP002,
  VPN001,
  VPN002,
  VPN003,
  VPN004,
  DX001,
  DX002,
  DX003,
  DX004,
  DX005,
  DX006,
  DX007,
  DX008,
  DX009,
  TGW001,
  TGW002,
  NET001,
  FL001,
  FL002,
  FL003,
];

export function ruleMeta(id: string): RuleMeta | undefined {
  return id === LINT000.id ? LINT000 : RULES.find((r) => r.meta.id === id)?.meta;
}
