/**
 * Secrets never reach disk: describe-vpn-connections prints `CustomerGatewayConfiguration` (the
 * device configuration XML, pre-shared keys included) and tunnel options may carry `PreSharedKey`;
 * Direct Connect virtual interfaces and their BGP peers carry `authKey` (the BGP MD5 key), and
 * MACsec keys name their `ckn` (a `cak` too in requests). Every field whose name looks like key
 * material is replaced, wherever it is nested.
 */

export const REDACTED = '<redacted by vpcsim collect>';

const SECRET_FIELD =
  /^(CustomerGatewayConfiguration|PreSharedKeys?|.*Secret.*|.*Password.*|.*PrivateKey.*|KeyMaterial|.*AuthKey|cak|ckn)$/i;

/** A copy of `value` with secret fields replaced by REDACTED (ARNs that only point at a secret are kept). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_FIELD.test(k) && !/Arn$/i.test(k) && v !== undefined && v !== null) out[k] = REDACTED;
      else out[k] = redactSecrets(v);
    }
    return out;
  }
  return value;
}
