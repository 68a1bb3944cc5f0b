export { buildNetworkData, type SnapshotDocument } from './aws-json/build.js';
export { describeInputError, InputError, type InputErrorCode, NO_VPCS_FIX } from './errors.js';
export { loadOnPremFile, parseOnPrem } from './onprem-file.js';
export { loadSnapshot, loadSnapshotData } from './snapshot.js';
