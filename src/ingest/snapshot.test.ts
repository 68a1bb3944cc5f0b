import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeInputError, InputError, loadSnapshot, loadSnapshotData } from './index.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'vpcsim-ingest-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function write(root: string, rel: string, content: unknown): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const vpcs = (id: string) => ({ Vpcs: [{ VpcId: id, CidrBlock: '10.0.0.0/16' }] });

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('Batfish layout: aws_configs/[account/][region/]*.json', () => {
  it('takes account and region from the folder names, any file names, recursively', () => {
    const root = tempDir();
    write(root, 'aws_configs/111122223333/us-east-2/whatever.json', vpcs('vpc-a'));
    write(root, 'aws_configs/111122223333/us-east-2/Subnets.json', {
      Subnets: [
        { SubnetId: 'subnet-a', VpcId: 'vpc-a', CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-2a' },
      ],
    });
    write(root, 'aws_configs/444455556666/eu-west-1/Vpcs.json', vpcs('vpc-b'));
    write(root, 'aws_configs/444455556666/eu-west-1/notes.txt', 'not json');
    const d = loadSnapshotData(path.join(root, 'aws_configs'));
    expect(d.vpcs.map((v) => [v.vpcId, v.region, v.origin.accountId])).toEqual([
      ['vpc-a', 'us-east-2', '111122223333'],
      ['vpc-b', 'eu-west-1', '444455556666'],
    ]);
    expect(d.subnets[0]?.origin).toMatchObject({ region: 'us-east-2', accountId: '111122223333' });
    expect(d.files.map((f) => path.basename(f.file))).toEqual(['Subnets.json', 'whatever.json', 'Vpcs.json']);
    expect(d.warnings).toEqual([]);
  });

  it('loads a single file given directly, whatever its extension', () => {
    const root = tempDir();
    const file = write(root, 'snapshot.txt', { ...vpcs('vpc-a'), ...{ Subnets: [] } });
    const d = loadSnapshotData(file);
    expect(d.vpcs).toHaveLength(1);
    expect([...d.present].sort()).toEqual(['Subnets', 'Vpcs']);
  });
});

describe('CloudMapper layout: account-data/<account>/<region>/ec2-describe-*.json', () => {
  it('reads only ec2-describe-* files and takes the account from the resources', () => {
    const root = tempDir();
    const region = 'account-data/demo/us-east-1';
    write(root, `${region}/ec2-describe-vpcs.json`, { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] });
    write(root, `${region}/ec2-describe-security-groups.json`, {
      SecurityGroups: [{ GroupId: 'sg-1', OwnerId: '123456789012' }],
    });
    write(root, `${region}/iam-get-account-summary.json`, { SummaryMap: {} });
    write(root, `${region}/sts-get-caller-identity.json`, { Account: '123456789012' });
    write(root, `${region}/elb-describe-load-balancer-attributes/weblb`, '{}');
    write(root, 'account-data/demo/describe-regions.json', { Regions: [] });
    const d = loadSnapshotData(path.join(root, 'account-data'));
    expect(d.warnings).toEqual([]);
    expect(d.files.map((f) => path.basename(f.file))).toEqual([
      'ec2-describe-security-groups.json',
      'ec2-describe-vpcs.json',
    ]);
    expect(d.vpcs[0]?.origin).toMatchObject({ region: 'us-east-1', accountId: '123456789012' });
  });
});

describe('input errors', () => {
  it('SNAPSHOT_NOT_FOUND for a path that does not exist', () => {
    const e = thrown(() => loadSnapshotData('/no/such/snapshot'));
    expect(e).toMatchObject({ code: 'SNAPSHOT_NOT_FOUND', value: '/no/such/snapshot' });
    expect(e.message).toContain('/no/such/snapshot');
  });

  it('MALFORMED_JSON names the file and the line:column of the syntax error', () => {
    const root = tempDir();
    write(root, 'Vpcs.json', vpcs('vpc-a'));
    const file = write(root, 'Subnets.json', '{\n  "Subnets": [\n    {"SubnetId": "subnet-1",}\n  ]\n}\n');
    const e = thrown(() => loadSnapshotData(root));
    expect(e).toMatchObject({ code: 'MALFORMED_JSON', file, line: 3, column: 29 });
    expect(e.message).toBe(
      `Malformed JSON in ${file}:3:29 (Expected double-quoted property name); save the output of \`aws ec2 describe-* --output json\` unchanged.`,
    );
  });

  it('MALFORMED_JSON also for messages without a position', () => {
    const root = tempDir();
    const file = write(root, 'Vpcs.json', '{\n  "Vpcs": }');
    expect(thrown(() => loadSnapshotData(root))).toMatchObject({
      code: 'MALFORMED_JSON',
      file,
      line: 2,
      column: 11,
    });
  });

  it('NO_VPCS when no file has a Vpcs key, or it is empty', () => {
    const root = tempDir();
    write(root, 'Subnets.json', { Subnets: [] });
    const e = thrown(() => loadSnapshotData(root));
    expect(e).toMatchObject({
      code: 'NO_VPCS',
      fix: 'save `aws ec2 describe-vpcs --output json` into the folder',
    });
    expect(e.message).toBe(
      `No VPCs found in snapshot ${root}; save \`aws ec2 describe-vpcs --output json\` into the folder.`,
    );
    write(root, 'Vpcs.json', { Vpcs: [] });
    expect(thrown(() => loadSnapshotData(root)).code).toBe('NO_VPCS');
  });

  it('describeInputError words each code in one sentence', () => {
    expect(describeInputError({ code: 'SNAPSHOT_NOT_FOUND', value: 'snap' })).toBe(
      'Snapshot path snap does not exist; give a folder of `aws ec2 describe-* --output json` files or one such file.',
    );
    expect(
      describeInputError({
        code: 'MALFORMED_JSON',
        file: 'a.json',
        line: 1,
        column: 2,
        value: 'Unexpected token',
      }),
    ).toMatch(/^Malformed JSON in a\.json:1:2 /);
  });
});

describe('encodings and empty files', () => {
  it('reads UTF-8 with BOM and UTF-16LE (PowerShell redirection); warns EMPTY_FILE', () => {
    const root = tempDir();
    writeFileSync(
      path.join(root, 'Vpcs.json'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(vpcs('vpc-a')))]),
    );
    writeFileSync(
      path.join(root, 'Subnets.json'),
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(JSON.stringify({ Subnets: [{ SubnetId: 's-1', VpcId: 'vpc-a' }] }), 'utf16le'),
      ]),
    );
    writeFileSync(path.join(root, 'Empty.json'), '  \n');
    const d = loadSnapshotData(root);
    expect([d.vpcs.length, d.subnets.length]).toEqual([1, 1]);
    expect(d.warnings).toMatchObject([{ code: 'EMPTY_FILE', file: path.join(root, 'Empty.json') }]);
  });
});

describe('loadSnapshot', () => {
  it('returns an indexed Network', async () => {
    const root = tempDir();
    write(root, 'Vpcs.json', vpcs('vpc-a'));
    const net = await loadSnapshot(root);
    expect(net.vpcs.get('vpc-a')?.vpcId).toBe('vpc-a');
  });
});
