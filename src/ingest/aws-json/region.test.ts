import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderOrigin, isAccountId, isRegionName, regionOfAvailabilityZone } from './region.js';

describe('region and account names', () => {
  it.each([
    'us-east-2',
    'eu-west-1',
    'ap-southeast-1',
    'us-gov-west-1',
    'cn-north-1',
    'il-central-1',
    'ap-northeast-3',
    'us-iso-east-1',
  ])('%s is a region', (name) => expect(isRegionName(name)).toBe(true));
  it.each(['us-east-1a', 'aws_configs', 'my-app-1', 'us-east', 'demo', 'account-data'])(
    '%s is not a region',
    (name) => expect(isRegionName(name)).toBe(false),
  );
  it('accounts are 12 digits', () => {
    expect(isAccountId('123456789012')).toBe(true);
    expect(isAccountId('12345678901')).toBe(false);
    expect(isAccountId('amazon')).toBe(false);
  });
  it.each([
    ['us-east-1a', 'us-east-1'],
    ['us-gov-west-1b', 'us-gov-west-1'],
    ['us-west-2-lax-1a', 'us-west-2'],
    ['us-east-1-wl1-bos-wlz-1', 'us-east-1'],
    ['cn-north-1a', 'cn-north-1'],
    ['mars-1a', undefined],
  ])('AZ %s → %s', (az, region) => expect(regionOfAvailabilityZone(az)).toBe(region));

  it('takes region and account from folder names', () => {
    expect(folderOrigin(path.join('aws_configs', '123456789012', 'us-east-2', 'Vpcs.json'))).toEqual({
      region: 'us-east-2',
      accountId: '123456789012',
    });
    expect(folderOrigin(path.join('account-data', 'demo', 'us-east-1', 'ec2-describe-vpcs.json'))).toEqual({
      region: 'us-east-1',
    });
    expect(folderOrigin(path.join('snap', 'Vpcs.json'))).toEqual({});
  });
});
