/**
 * User errors of the loading step (the CLI exits 2 on them): one class with a stable `code`, the
 * file, the position and the offending value. `describeInputError` is the only place that words them.
 */

export type InputErrorCode =
  | 'MALFORMED_JSON'
  | 'SNAPSHOT_NOT_FOUND'
  | 'NO_VPCS'
  | 'UNREADABLE_FILE'
  | 'ONPREM_INVALID'
  | 'TERRAFORM_INVALID';

export interface InputErrorInit {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly value?: string | undefined;
  readonly fix?: string | undefined;
}

export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly value?: string | undefined;
  readonly fix?: string | undefined;

  constructor(code: InputErrorCode, init: InputErrorInit = {}) {
    super('');
    this.name = 'InputError';
    this.code = code;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.value = init.value;
    this.fix = init.fix;
    this.message = describeInputError(this);
  }
}

/** Fix texts, kept beside the codes so the CLI and the docs say the same thing. */
export const NO_VPCS_FIX = 'save `aws ec2 describe-vpcs --output json` into the folder';

/** One sentence naming the file, the value and the fix. */
export function describeInputError(
  e: Pick<InputError, 'code' | 'file' | 'line' | 'column' | 'value' | 'fix'>,
): string {
  const where =
    e.file === undefined ? '' : e.line === undefined ? ` ${e.file}` : ` ${e.file}:${e.line}:${e.column ?? 1}`;
  const fix = e.fix ? `; ${e.fix}` : '';
  switch (e.code) {
    case 'MALFORMED_JSON':
      return `Malformed JSON in${where}${e.value ? ` (${e.value})` : ''}${fix || '; save the output of `aws ec2 describe-* --output json` unchanged'}.`;
    case 'SNAPSHOT_NOT_FOUND':
      return `Snapshot path ${e.value ?? e.file ?? ''} does not exist${fix || '; give a folder of `aws ec2 describe-* --output json` files or one such file'}.`;
    case 'NO_VPCS':
      return `No VPCs found in snapshot ${e.value ?? e.file ?? ''}${fix}.`;
    case 'ONPREM_INVALID':
      return `Invalid on-premises file${where}${e.value ? `: ${e.value}` : ''}${fix}.`;
    case 'TERRAFORM_INVALID':
      return `Cannot use Terraform plan${where}${e.value ? `: ${e.value}` : ''}${fix}.`;
    case 'UNREADABLE_FILE':
      return `Cannot read${where}${e.value ? ` (${e.value})` : ''}${fix}.`;
  }
}
