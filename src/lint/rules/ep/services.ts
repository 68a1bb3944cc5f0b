import type { Network, RouteTable, VpcEndpoint } from '../../../model/index.js';
import { serviceShortName } from '../../../model/index.js';
import { internetRoute, subnetsOfTable } from '../../helpers.js';

export const GATEWAY_SERVICES = ['s3', 'dynamodb'] as const;

export function endpointsFor(net: Network, vpcId: string, service: string): VpcEndpoint[] {
  return net.data.vpcEndpoints.filter(
    (e) =>
      e.vpcId === vpcId &&
      serviceShortName(e.serviceName) === service &&
      e.state.toLowerCase() !== 'deleted' &&
      e.state.toLowerCase() !== 'deleting',
  );
}

/** Route tables serving subnets with interfaces whose internet route goes to a NAT gateway. */
export function natRoutedTables(net: Network): { table: RouteTable; nat: string; subnets: string[] }[] {
  const out: { table: RouteTable; nat: string; subnets: string[] }[] = [];
  for (const table of net.data.routeTables) {
    const r = internetRoute(net, table);
    if (r?.target.type !== 'nat-gateway') continue;
    const subnets = subnetsOfTable(net, table).filter((s) => net.interfacesIn(s.subnetId).length > 0);
    if (subnets.length === 0) continue;
    out.push({ table, nat: r.target.id, subnets: subnets.map((s) => s.subnetId) });
  }
  return out;
}
