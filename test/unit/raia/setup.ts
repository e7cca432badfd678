import { RaiaAgentApi } from '../../../credentials/RaiaAgentApi.credentials';
import { RaiaOrganizationApi } from '../../../credentials/RaiaOrganizationApi.credentials';
import { Raia } from '../../../nodes/Raia/Raia.node';
import { RaiaRecordTrigger } from '../../../nodes/Raia/RaiaRecordTrigger.node';
import { simulatorSuite } from '../../harness/suite';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRaiaSimulator, DEFAULT_AGENT_KEYS, DEFAULT_ORG_KEYS } = require('../../simulators/raia/server');

export const [AGENT_KEY, OTHER_ORG_AGENT_KEY] = Object.keys(DEFAULT_AGENT_KEYS);
export const [ORG_KEY] = Object.keys(DEFAULT_ORG_KEYS);

export function raiaSuite(asyncDelayMs = 300) {
	const suite = simulatorSuite({
		type: 'raia',
		nodes: [new Raia(), new RaiaRecordTrigger()],
		credentialTypes: [new RaiaAgentApi(), new RaiaOrganizationApi()],
		simulator: createRaiaSimulator({ asyncDelayMs }),
		credentials: (url) => ({
			raiaAgentApi: { secretKey: AGENT_KEY, region: 'custom', baseUrl: url },
			raiaOrganizationApi: { secretKey: ORG_KEY, region: 'custom', baseUrl: url },
		}),
	});
	return Object.assign(suite, { agent: () => suite.sim.agent(), org: () => suite.sim.org() });
}

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });
