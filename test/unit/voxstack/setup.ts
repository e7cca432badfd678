import { VoxStackApi } from '../../../credentials/VoxStackApi.credentials';
import { VoxStack } from '../../../nodes/VoxStack/VoxStack.node';
import { VoxStackRecordTrigger } from '../../../nodes/VoxStack/VoxStackRecordTrigger.node';
import { simulatorSuite } from '../../harness/suite';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createVoxStackSimulator, DEFAULT_KEYS } = require('../../simulators/voxstack/server');

export const [API_KEY, READ_ONLY_KEY, OTHER_ORG_KEY] = Object.keys(DEFAULT_KEYS);

export function voxSuite() {
	const suite = simulatorSuite({
		type: 'voxStack',
		nodes: [new VoxStack(), new VoxStackRecordTrigger()],
		credentialTypes: [new VoxStackApi()],
		simulator: createVoxStackSimulator({ callDurationMs: 10 }),
		// The host only: the node adds /api/v1.
		credentials: (url) => ({ voxStackApi: { apiKey: API_KEY, baseUrl: url } }),
	});
	return Object.assign(suite, { data: () => suite.sim.data() });
}

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });
