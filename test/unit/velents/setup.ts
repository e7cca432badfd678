import http from 'node:http';

import { VelentsAgentApi } from '../../../credentials/VelentsAgentApi.credentials';
import { VelentsSupportApi } from '../../../credentials/VelentsSupportApi.credentials';
import { Velents } from '../../../nodes/Velents/Velents.node';
import { simulatorSuite } from '../../harness/suite';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createVelentsSimulator, DEFAULT_AGENT_TOKENS, DEFAULT_SUPPORT_TOKENS } = require('../../simulators/velents/server');

export const AGENT_TOKEN = Object.keys(DEFAULT_AGENT_TOKENS)[0];
export const [SUPPORT_TOKEN, READ_ONLY_SUPPORT_TOKEN, OTHER_TENANT_TOKEN] = Object.keys(DEFAULT_SUPPORT_TOKENS);
export const WEBHOOK_SECRET = 'n8n-webhook-secret-0123456789abcdef';

export function velentsSuite() {
	const suite = simulatorSuite({
		type: 'velents',
		nodes: [new Velents()],
		credentialTypes: [new VelentsAgentApi(), new VelentsSupportApi()],
		simulator: createVelentsSimulator({ eventDelayMs: 5 }),
		credentials: (url) => ({
			velentsAgentApi: { token: AGENT_TOKEN, baseUrl: url, webhookSecret: WEBHOOK_SECRET },
			velentsSupportApi: { token: SUPPORT_TOKEN, baseUrl: url },
		}),
	});
	return Object.assign(suite, { data: () => suite.sim.data() });
}

/** A local endpoint that records what Velents posts to a webhook link. */
export function webhookReceiver() {
	const received: Array<{ headers: http.IncomingHttpHeaders; body: Record<string, unknown> }> = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			received.push({ headers: req.headers, body: JSON.parse(raw) });
			res.end('ok');
		});
	});
	const receiver = { received, url: '' };
	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
	});
	beforeEach(() => (received.length = 0));
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});
	return receiver;
}
