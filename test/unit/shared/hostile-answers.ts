// Every action node with its credentials pointed at the hostile server (test/simulators/hostile):
// the robustness tests script what the "provider" answers and run the node through test/harness.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { RunOptions } from '../../harness';
import { packageHarness } from '../../harness/package';
import { FULL_TOKEN } from '../convo/setup';
import { AGENT_KEY, ORG_KEY } from '../raia/setup';
import { FULL_KEY } from '../timely/setup';
import { AGENT_TOKEN, SUPPORT_TOKEN, WEBHOOK_SECRET } from '../velents/setup';
import { API_KEY } from '../voxstack/setup';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hostile = require('../../simulators/hostile/server');

export interface HostileRequest {
	method: string;
	target: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: string;
}

export type Reply = { status?: number; headers?: Record<string, string>; body?: unknown };

export interface HostileServer {
	url: string;
	requests: HostileRequest[];
	answer(fn: (request: HostileRequest, count: number) => Reply | Promise<Reply>): void;
}

export const { deepJson, records } = hostile as { deepJson: (depth: number, inner?: string) => string; records: (from: number, count: number) => IDataObject[] };

/** A credential of every type (keys in the shape each provider uses) pointing at `url`. */
export function hostileCredentials(url: string): Record<string, ICredentialDataDecryptedObject> {
	return {
		convoApi: { apiToken: FULL_TOKEN, baseUrl: `${url}/api/v1` },
		velentsAgentApi: { token: AGENT_TOKEN, baseUrl: url, webhookSecret: WEBHOOK_SECRET },
		velentsSupportApi: { token: SUPPORT_TOKEN, baseUrl: url },
		voxStackApi: { apiKey: API_KEY, baseUrl: url },
		timelyAiApi: { apiKey: FULL_KEY, baseUrl: url },
		raiaAgentApi: { secretKey: AGENT_KEY, region: 'custom', baseUrl: url },
		raiaOrganizationApi: { secretKey: ORG_KEY, region: 'custom', baseUrl: url },
	};
}

/** One hostile server and harness per test file; each test starts with an empty request log. */
export function hostileSuite(options: { maxRequests?: number } = {}) {
	const server = hostile.createHostileServer(options) as HostileServer & { listen(): Promise<string>; close(): Promise<void>; reset(): void };
	const harness = packageHarness();
	beforeAll(async () => {
		await server.listen();
	});
	beforeEach(() => server.reset());
	afterAll(async () => {
		await server.close();
	});
	return {
		server: server as HostileServer,
		run(type: string, parameters: IDataObject, extra: Partial<RunOptions> = {}) {
			return harness.run({ type, parameters, credentials: hostileCredentials(server.url), ...extra });
		},
		/** Runs a searchable picker of a node, with the node's current parameters. */
		listSearch(type: string, method: string, parameters: IDataObject = {}, filter?: string) {
			return harness.listSearch({ type, method, parameters, credentials: hostileCredentials(server.url), filter });
		},
		/** One poll of a Record Trigger; keep `staticData` between polls. */
		poll(type: string, parameters: IDataObject, staticData: IDataObject) {
			return harness.poll({ type, parameters, credentials: hostileCredentials(server.url), staticData });
		},
		/** A trigger's activation (`create`) or deactivation (`delete`) webhook method. */
		hook(type: string, method: 'checkExists' | 'create' | 'delete', parameters: IDataObject, staticData?: IDataObject) {
			return harness.hook({ type, method, parameters, credentials: hostileCredentials(server.url), staticData });
		},
	};
}
