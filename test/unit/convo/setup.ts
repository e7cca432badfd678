import { ConvoApi } from '../../../credentials/ConvoApi.credentials';
import { Convo } from '../../../nodes/Convo/Convo.node';
import type { RunOptions } from '../../harness';
import { Harness } from '../../harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createConvoSimulator, DEFAULT_TOKENS } = require('../../simulators/convo/server');

export const FULL_TOKEN = Object.keys(DEFAULT_TOKENS)[0];
export const LEADS_READ_ONLY_TOKEN = Object.keys(DEFAULT_TOKENS)[1];
export const OTHER_WORKSPACE_TOKEN = Object.keys(DEFAULT_TOKENS)[2];

export interface SimRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body?: unknown;
	status?: number;
}

/** Starts a Convo simulator and a harness; each test gets a fresh simulator state. */
export function convoSuite() {
	const sim = createConvoSimulator();
	const harness = new Harness([new Convo()], [new ConvoApi()]);
	const ctx = {
		sim,
		url: '',
		token: FULL_TOKEN,
		requests: () => sim.state.requests as SimRequest[],
		data: () => sim.workspaces()['ws-a'],
		run(parameters: RunOptions['parameters'], extra: Partial<RunOptions> = {}) {
			return harness.run({
				type: 'convo',
				parameters,
				credentials: { convoApi: { apiToken: ctx.token, baseUrl: `${ctx.url}/api/v1` } },
				...extra,
			});
		},
	};
	beforeAll(async () => {
		ctx.url = await sim.listen();
	});
	beforeEach(() => {
		sim.reset();
		ctx.token = FULL_TOKEN;
	});
	afterAll(async () => {
		await sim.close();
	});
	return ctx;
}
