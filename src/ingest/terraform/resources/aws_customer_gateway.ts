/** aws_customer_gateway → CustomerGateway (`bgp_asn`, `ip_address`). */
import type { PlanContext } from '../context.js';
import type { PlannedResource } from '../plan.js';
import { num, str, tagsOf } from '../values.js';

export function readCustomerGateway(ctx: PlanContext, r: PlannedResource): void {
  const id = ctx.rv.idOf(r);
  ctx.customerGateways.set(id, {
    customerGatewayId: id,
    state: 'available',
    bgpAsn: num(r.values, 'bgp_asn') ?? num(r.values, 'bgp_asn_extended'),
    ipAddress: str(r.values, 'ip_address'),
    tags: tagsOf(r.values),
    origin: ctx.originOf(r),
  });
}
