/**
 * All wording of `vpcsim doctor`: item titles, details, offline reminders, the fixes the doctor words
 * itself, input errors and the text layout's labels. Everything else is codes and data.
 */
import type { ItemId, ItemState, Symptom } from './types.js';

export function serviceName(port: number): string {
  if (port === 22) return 'SSH';
  if (port === 3389) return 'RDP';
  if (port === 443) return 'HTTPS';
  if (port === 80) return 'HTTP';
  return `tcp ${port}`;
}

function target(symptom: Symptom): string {
  return symptom === 's3' ? 'Amazon S3' : symptom === 'dynamodb' ? 'Amazon DynamoDB' : 'the internet';
}

export function question(
  symptom: Symptom,
  instance: string,
  port: number,
  client: string | undefined,
  family: 4 | 6 = 4,
): string {
  if (symptom === 'connect')
    return `Why can't ${client} connect to ${instance} on tcp ${port} (${serviceName(port)})? The connection times out.`;
  return `Why can't ${instance} reach ${target(symptom)} on tcp ${port}${family === 6 ? ' over IPv6' : ''}?`;
}

export function title(id: ItemId, symptom: Symptom, port: number, family: 4 | 6): string {
  const ip = family === 6 ? 'IPv6' : 'IPv4';
  const any = family === 6 ? '::/0' : '0.0.0.0/0';
  switch (id) {
    case 'public-address':
      return symptom === 'connect'
        ? family === 6
          ? 'an IPv6 address is assigned (the client uses IPv6)'
          : 'a public IPv4 address or Elastic IP is associated'
        : family === 6
          ? 'an IPv6 address is assigned'
          : 'a public IPv4 address or Elastic IP is associated (the subnet routes to the internet gateway)';
    case 'instance-state':
      return 'the instance is running';
    case 'status-checks':
      return 'both status checks (system and instance) passed';
    case 'security-group-inbound':
      return `a security group inbound rule allows the client on tcp ${port}`;
    case 'security-group-outbound':
      return `a security group outbound rule allows tcp ${port} to ${target(symptom)}`;
    case 'network-acl-inbound':
      return symptom === 'connect'
        ? `the subnet's network ACL allows tcp ${port} inbound from the client`
        : "the subnet's network ACL allows the replies inbound (to the instance's ephemeral ports)";
    case 'network-acl-outbound':
      return symptom === 'connect'
        ? "the subnet's network ACL allows the replies outbound to the client's ephemeral ports (1024-65535)"
        : `the subnet's network ACL allows tcp ${port} outbound`;
    case 'internet-gateway':
      return 'an internet gateway is attached to the VPC';
    case 'route-to-internet-gateway':
      return `the subnet's route table has a route to the internet gateway covering the client (usually ${any})`;
    case 'route-table':
      return `the subnet's route table has a route for ${ip} internet traffic (${any}) to a NAT${family === 6 ? ', the internet gateway or an egress-only internet gateway' : ' or the internet gateway'}`;
    case 'service-route':
      return `the subnet's route table sends ${target(symptom)} traffic to a gateway endpoint (prefix-list route), or to the NAT / internet path it falls back to`;
    case 'egress-only-internet-gateway':
      return 'an egress-only internet gateway carries the outbound IPv6 traffic';
    case 'nat':
      return 'the NAT gateway or NAT instance forwards the traffic (state, Elastic IP, source/destination check, its security group)';
    case 'nat-subnet':
      return "the NAT's subnet: its network ACL and its route to the internet gateway";
    case 'other-blockers':
      return 'other blockers on the path';
    case 'snapshot-gaps':
      return 'what the snapshot does not hold';
    case 'os-firewall':
      return `the operating system's firewall on the instance (iptables, firewalld, ufw, Windows Firewall) allows tcp ${port}`;
    case 'os-routing':
      return "the instance's own routing table (and proxy settings) send the traffic out of the right interface";
    case 'client-firewall':
      return `your local or corporate firewall allows outbound tcp ${port}, and your public address is the one given`;
    case 'login-credentials':
      return 'the user name for the AMI and the key pair (or Windows password) are right';
    case 'instance-load':
      return `the instance is not overloaded (CPU, memory) and its ${serviceName(port)} server is running`;
    case 'nat-instance-os':
      return 'the NAT instance forwards and masquerades in its OS (ip_forward, iptables MASQUERADE)';
    case 'service-policies':
      return `the gateway endpoint policy, the ${symptom === 'dynamodb' ? 'table' : 'bucket'} policy and IAM permissions allow the request`;
  }
}

/** Why each offline item cannot be seen in AWS configuration, and what to do about it. */
export const OFFLINE_TEXT: Readonly<Partial<Record<ItemId, string>>> = {
  'os-firewall':
    'Not visible in AWS configuration. Check it on the instance (Session Manager or the EC2 serial console), e.g. `sudo iptables -L -n`, `sudo firewall-cmd --list-all`, or Windows Defender Firewall.',
  'os-routing':
    'Not visible in AWS configuration. Check `ip route` on the instance, especially with several network interfaces (replies must leave by the interface they came in on).',
  'client-firewall':
    'Not visible in AWS configuration. Your ISP or corporate address may change or be translated: check what address AWS sees (e.g. https://checkip.amazonaws.com) and that your firewall lets the port out.',
  'login-credentials':
    'Not visible in AWS configuration. A wrong user name or key fails with "Permission denied", not a timeout; check it once the connection opens.',
  'instance-load':
    'Not visible in AWS configuration. Check CloudWatch CPU utilisation and the system log (get-console-output).',
  'nat-instance-os':
    'Not visible in AWS configuration. On the NAT instance check `sysctl net.ipv4.ip_forward` (must be 1) and the iptables nat table (MASQUERADE).',
  'service-policies':
    'Not evaluated: vpcsim checks reachability, not IAM, bucket, table or endpoint policies.',
};

export const LOGIN_TEXT = {
  linux:
    'User names by AMI: ec2-user (Amazon Linux, RHEL), ubuntu, admin (Debian), centos, fedora, bitnami; the private key must match the key pair.',
  windows: "Windows: the Administrator password is decrypted with the key pair's private key.",
};

export const DETAIL = {
  running: 'state running',
  notRunning: (state: string) => `state ${state}`,
  checks: (system: string, instance: string) => `system status ${system}, instance status ${instance}`,
  noStatusFile:
    'the snapshot has no describe-instance-status output (add `aws ec2 describe-instance-status --include-all-instances`)',
  noStatusEntry:
    'describe-instance-status has no entry for this instance (it lists running instances only, unless --include-all-instances is given)',
  connectTo: (address: string, how: string) => `connect to ${address} (${how})`,
  elasticIp: (allocationId: string) => `Elastic IP ${allocationId}`,
  autoPublicIp: 'auto-assigned public IPv4: it changes when the instance is stopped and started',
  placeholderIp:
    'a placeholder: the plan says there will be a public IPv4 address, AWS assigns it at apply; connect to that one',
  ipv6Address: 'IPv6 address: the internet gateway does not translate IPv6',
  hasPublicIp: (address: string, how: string) => `public address ${address} (${how})`,
  noIpv6: (eni: string) => `${eni} has no IPv6 address, so no IPv6 flow can start or end there`,
  rule: (text: string) => `matched ${text}`,
  route: (text: string) => `route ${text}`,
  gateway: (id: string, vpcId: string) => `${id} is attached to ${vpcId}`,
  eigw: (id: string) =>
    `${id} carries the outbound IPv6 traffic and drops connections initiated from the internet`,
  natGateway: (id: string) => `NAT gateway ${id} translates the source address`,
  natInstance: (id: string) => `NAT instance ${id} forwards the traffic (source/destination check off)`,
  translation: (from: string, to: string) => `translation ${from} -> ${to}`,
  viaEndpoint: (id: string) => `delivered by the gateway endpoint ${id}`,
  noEndpointRoute: (rt: string) =>
    `no gateway endpoint serves ${rt}: the traffic takes the NAT / internet path`,
  endpointNotAssociated: (ep: string, rt: string) =>
    `gateway endpoint ${ep} exists in this VPC but is not associated with ${rt}`,
  noEndpoint: (service: string, vpc: string) => `no gateway endpoint for ${service} in ${vpc}`,
  noPrefixList: (service: string) =>
    `the snapshot has no prefix list for ${service} (com.amazonaws.<region>.${service}): add \`aws ec2 describe-prefix-lists\` output`,
  notReached: 'not evaluated: the path stops earlier (fix the failed items above first)',
  unknownStep: 'the snapshot does not hold what this check needs (see "what the snapshot does not hold")',
  partialClients: (clients: string) => `fails for clients: ${clients}`,
  traceSkipped: 'not evaluated: no flow could be traced (see the failed or not-in-snapshot item)',
};

export const DOCTOR_FIX = {
  statusChecks: (id: string) =>
    `check ${id}'s system log and status-check details; stop and start it (system check) or reboot and repair the OS (instance check)`,
  initializing: 'wait for the status checks to finish initializing, then retry',
  ipv6: (eni: string, outbound: boolean) =>
    `assign an IPv6 address to ${eni} (its subnet needs an IPv6 CIDR block, and the route table a ::/0 route to the internet gateway${outbound ? ' or an egress-only internet gateway' : ''})`,
  start: (id: string) => `start ${id}`,
  eigwInbound: (rt: string, igw: string | undefined) =>
    `to accept connections from the internet, route ::/0 in ${rt} to ${igw ?? 'an internet gateway'} instead of the egress-only gateway (or connect through a bastion or Session Manager)`,
  privateSubnet: (rt: string, igw: string | undefined) =>
    `the instance is in a private subnet: connect through a bastion host, Session Manager or a load balancer, or route 0.0.0.0/0 in ${rt} to ${igw ?? 'an internet gateway'} (making the subnet public)`,
  attach: (eni: string, id: string) => `attach ${eni} to ${id}`,
  generic: (message: string) => `remove the cause: ${message}`,
};

export const INPUT = {
  fromOrTo:
    'give either --from <client-ip> (can a client connect to the instance?) or --to internet|s3|dynamodb (can the instance reach it?), not both.',
  badFrom: (v: string) =>
    `--from ${JSON.stringify(v)} is not an IP address; give the public IPv4 or IPv6 address of the client that cannot connect.`,
  notInternet: (v: string) =>
    `--from ${JSON.stringify(v)} is not an internet address; doctor checks connections from the internet, use \`vpcsim trace\` for private paths.`,
  badTo: (v: string) => `--to ${JSON.stringify(v)} is not supported by doctor; use internet, s3 or dynamodb.`,
  badPort: (v: string) => `--port ${JSON.stringify(v)} is not a port; give a whole number from 1 to 65535.`,
  notInstance: (v: string) =>
    `${JSON.stringify(v)} is not an EC2 instance of the snapshot; give an instance id or Name tag.`,
  unknownInstance: (v: string, known: string) =>
    `${JSON.stringify(v)} matches no instance in the snapshot${known ? `; known: ${known}` : ''}.`,
  ambiguous: (v: string, known: string) =>
    `${JSON.stringify(v)} is ambiguous: it matches ${known}; give the instance id instead.`,
  noInterface: (v: string) =>
    `${JSON.stringify(v)} has no network interface in the snapshot (terminated, or NetworkInterfaces not captured).`,
  noAddress: (v: string) => `${JSON.stringify(v)} has no address of the family this check needs.`,
};

export const RENDER = {
  connectTo: 'Connect to',
  noConnectTo: 'no address the client can connect to',
  fix: 'fix',
  states: {
    passed: 'passed',
    failed: 'failed',
    'not-checkable-offline': 'check by hand',
    'not-in-snapshot': 'not in snapshot',
  } satisfies Record<ItemState, string>,
  result: (failed: number, passed: number, offline: number, missing: number) =>
    `${failed === 0 ? 'No configuration problem found' : `${failed} check${failed === 1 ? '' : 's'} failed`}: ${passed} passed, ${offline} to check by hand, ${missing} not in the snapshot.`,
  traceHeading: 'Trace',
  noTrace: 'No trace: no flow could be built.',
};
