/**
 * A flow as a user writes it — command-line flags of `trace`, a check of an intent file: text that
 * the command parses (cli/options.ts `toQuery`) into a TraceQuery. No parsing here.
 */
export interface FlowText {
  readonly from: string;
  readonly to: string;
  readonly protocol: string;
  readonly port?: string | undefined;
  readonly sourcePort?: string | undefined;
  readonly clientOs?: string | undefined;
  readonly icmpType?: string | undefined;
  readonly icmpCode?: string | undefined;
  readonly ipv6?: boolean | undefined;
}
