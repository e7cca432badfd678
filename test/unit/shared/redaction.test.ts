// A provider that quotes the credential back (a 401 naming the key, an HTML debug page with the
// request headers): the secret, URL-encoded or Base64-encoded, appears nowhere a node shows it.

import { ACTIONS, SECRETS, TYPES, WEBHOOK_SECRET, everything, harness, only, useHostileServer } from './hostile';


/** The forms of a secret a careless page shows: as is, URL-encoded, Base64 inside "user:<secret>". */
const forms = (secret: string) => [secret, encodeURIComponent(secret), Buffer.from(`user:${secret}`).toString('base64'), secret.toUpperCase()];

function expectNoSecret(value: unknown, type: string) {
	const text = everything(value);
	const secrets = type === 'velentsAgentApi' ? [SECRETS[type], WEBHOOK_SECRET] : [SECRETS[type]];
	for (const secret of secrets) for (const form of forms(secret)) expect(text).not.toContain(form);
}

describe('a provider that echoes the secret', () => {
	const { hostile, all } = useHostileServer();

	describe.each([
		['a JSON 401 quoting the key', { kind: 'echo', status: 401 }],
		['an HTML debug page with the request headers', { kind: 'echo', status: 500, html: true }],
	])('%s', (_name, mode) => {
		it.each(TYPES)('%s: not in the error (message, description, stored body, stack)', async (type) => {
			hostile.setMode(mode);
			const { type: nodeType, parameters } = ACTIONS[type];
			const { error, task } = await harness.run({ type: nodeType, parameters, credentials: only(type, all()) });
			expect(hostile.requests.length).toBeGreaterThan(0);
			expect(error).toBeDefined();
			expect(everything(error)).toContain('[redacted]');
			expectNoSecret(error, type);
			expectNoSecret(task, type);
		});

		it.each(TYPES)('%s: not in the Continue On Fail item', async (type) => {
			hostile.setMode(mode);
			const { type: nodeType, parameters } = ACTIONS[type];
			const { items, error } = await harness.run({ type: nodeType, parameters, credentials: only(type, all()), continueOnFail: true });
			expect(error).toBeUndefined();
			expect(items[0].json.error).toBeDefined();
			expectNoSecret(items, type);
		});
	});

	it('not in the error output item either, nor in a tool’s message', async () => {
		hostile.setMode({ kind: 'echo', status: 401 });
		const { run } = await harness.run({ type: ACTIONS.timelyAiApi.type, parameters: ACTIONS.timelyAiApi.parameters, credentials: only('timelyAiApi', all()), errorOutput: true });
		expectNoSecret(run.data.resultData.runData, 'timelyAiApi');
		const tool = await harness.run({ type: ACTIONS.convoApi.type, parameters: ACTIONS.convoApi.parameters, credentials: only('convoApi', all()), tool: true });
		expect(tool.error?.message).toContain('Invalid key [redacted]');
		expectNoSecret(tool.error, 'convoApi');
	});

	it('not in a picker’s error, nor in what a trigger’s activation throws', async () => {
		hostile.setMode({ kind: 'echo', status: 401 });
		const picked = await harness.listSearch({ type: 'voxStack', method: 'searchAgents', credentials: only('voxStackApi', all()) }).catch((e: Error) => e);
		expect(everything(picked)).toContain('[redacted]');
		expectNoSecret(picked, 'voxStackApi');
		const activated = await harness
			.hook({ type: 'raiaTrigger', method: 'create', parameters: { triggerCondition: 'end_dialog' }, credentials: only('raiaAgentApi', all()) })
			.catch((e: Error) => e);
		expect((activated as Error).message).toContain('[redacted]');
		expectNoSecret(activated, 'raiaAgentApi');
	});

	it('not in a successful answer that echoes it', async () => {
		hostile.setMode({ kind: 'echo', status: 200 });
		const { items, error } = await harness.run({ type: ACTIONS.velentsSupportApi.type, parameters: ACTIONS.velentsSupportApi.parameters, credentials: only('velentsSupportApi', all()) });
		expect(error).toBeUndefined();
		expect(JSON.stringify(items)).toContain('[redacted]');
		expectNoSecret(items, 'velentsSupportApi');
	});
});
