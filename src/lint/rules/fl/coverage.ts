/**
 * Which resources flow logs capture. A flow log on a VPC captures every interface in it, one on a
 * subnet every interface in the subnet, one on an interface just that interface. Only active logs
 * count; a log with a traffic type the loader did not understand counts as logging everything
 * (the rules must not fire on what they cannot read).
 */
import { type FlowLog, isActiveFlowLog, type Network } from '../../../model/index.js';

export const FLOW_LOGS_DOC = 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html';

/** An active flow log captures this resource itself. */
export function captured(net: Network, resourceId: string): boolean {
  return net.flowLogsOf(resourceId).some(isActiveFlowLog);
}

function logsRejects(f: FlowLog): boolean {
  return isActiveFlowLog(f) && f.trafficType !== 'ACCEPT';
}

/** The resources whose flow logs also capture this one: itself, then its subnet and VPC. */
export function capturingScopes(net: Network, resourceId: string): string[] {
  const eni = net.networkInterfaces.get(resourceId);
  if (eni) return [resourceId, eni.subnetId, eni.vpcId];
  const subnet = net.subnets.get(resourceId);
  if (subnet) return [resourceId, subnet.vpcId];
  return [resourceId];
}

/** Some active flow log on the resource or on a resource containing it records rejected traffic. */
export function rejectsLogged(net: Network, resourceId: string): boolean {
  return capturingScopes(net, resourceId).some((id) => net.flowLogsOf(id).some(logsRejects));
}
