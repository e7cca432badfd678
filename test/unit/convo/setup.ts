import { ConvoApi } from '../../../credentials/ConvoApi.credentials';
import { Convo } from '../../../nodes/Convo/Convo.node';
import { ConvoRecordTrigger } from '../../../nodes/Convo/ConvoRecordTrigger.node';
import { simulatorSuite } from '../../harness/suite';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConvoSimulator, DEFAULT_TOKENS } = require('../../simulators/convo/server');

export const FULL_TOKEN = Object.keys(DEFAULT_TOKENS)[0];
export const LEADS_READ_ONLY_TOKEN = Object.keys(DEFAULT_TOKENS)[1];
export const OTHER_WORKSPACE_TOKEN = Object.keys(DEFAULT_TOKENS)[2];

/** The Convo node against a fresh Convo simulator; `convo.token` swaps the credential's token. */
export function convoSuite() {
	const suite = simulatorSuite({
		type: 'convo',
		nodes: [new Convo(), new ConvoRecordTrigger()],
		credentialTypes: [new ConvoApi()],
		simulator: createConvoSimulator(),
		credentials: (url) => ({ convoApi: { apiToken: FULL_TOKEN, baseUrl: `${url}/api/v1` } }),
	});
	const convo = Object.assign(suite, { data: () => suite.sim.workspaces()['ws-a'], token: FULL_TOKEN });
	// `token` reads and writes the credential the next run uses.
	Object.defineProperty(convo, 'token', {
		get: () => String(suite.credentials.convoApi?.apiToken ?? FULL_TOKEN),
		set: (value: string) => (suite.credentials.convoApi.apiToken = value),
	});
	return convo;
}
