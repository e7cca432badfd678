import { triggerToken } from '../../../nodes/VoxStack/api';
import { API_KEY, READ_ONLY_KEY, rl, voxSuite } from './setup';

describe('VoxStack › Agent and Task', () => {
	const vox = voxSuite();
	const agent = () => vox.data().agents[0];

	it('lists agents with the enabled filter, unwrapping the envelope', async () => {
		const { items, error } = await vox.run({ resource: 'agent', operation: 'getAll', returnAll: true, filters: { enabled: true } });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name)).toEqual(['Customer Service Agent']);
		expect(vox.requests()[0]).toMatchObject({ path: '/api/v1/agents', query: { enabled: 'true', limit: '100', offset: '0' } });
	});

	it('tolerates a Base URL that already ends in /api/v1', async () => {
		vox.credentials.voxStackApi.baseUrl = `${vox.url}/api/v1/`;
		const { items } = await vox.run({ resource: 'agent', operation: 'get', agentId: rl(agent().id) });
		expect(items[0].json.id).toBe(agent().id);
		expect(vox.requests()[0].path).toBe(`/api/v1/agents/${agent().id}`);
	});

	it('creates an agent with JSON voice settings and DTMF rules', async () => {
		const { items, error } = await vox.run({
			resource: 'agent',
			operation: 'create',
			name: 'Renewals',
			systemPrompt: 'You renew contracts.',
			additionalFields: { voice_settings: '{"stability":0.4}', dtmf_rules: { '1': 'transfer' }, enabled: false },
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'Renewals', system_prompt: 'You renew contracts.', voice_settings: { stability: 0.4 }, dtmf_rules: { '1': 'transfer' }, enabled: false });
	});

	it('refuses invalid JSON in Voice Settings before sending', async () => {
		const { error } = await vox.run({ resource: 'agent', operation: 'create', name: 'x', systemPrompt: 'y', additionalFields: { voice_settings: '{stability:' } });
		expect(error?.message).toMatch(/^Voice Settings is not valid JSON .*$/);
		expect(vox.requests()).toHaveLength(0);
	});

	it('updates only the given agent fields, and refuses an empty update', async () => {
		const { items } = await vox.run({ resource: 'agent', operation: 'update', agentId: rl(agent().id), updateFields: { starting_message: 'Hi!' } });
		expect(vox.requests()[0].body).toEqual({ starting_message: 'Hi!' });
		expect(items[0].json).toMatchObject({ name: 'Customer Service Agent', starting_message: 'Hi!' });
		const empty = await vox.run({ resource: 'agent', operation: 'update', agentId: rl(agent().id), updateFields: {} });
		expect(empty.error?.message).toBe('Update Fields must include at least one field to change');
	});

	it("passes VoxStack's refusal to delete an agent with active tasks through, with its details", async () => {
		await vox.run({ resource: 'task', operation: 'create', agentId: rl(agent().id), name: 'Call', toNumber: '+14155550123' });
		const { error } = await vox.run({ resource: 'agent', operation: 'delete', agentId: rl(agent().id) });
		expect(error?.message).toBe('VoxStack: Agent has active tasks and cannot be deleted');
		expect(error?.description).toContain('active_tasks: 1');
		expect(error?.description).toMatch(/Request ID: [0-9a-f-]{36}/);
	});

	it('reports a read-only key as 403', async () => {
		vox.credentials.voxStackApi.apiKey = READ_ONLY_KEY;
		const { error } = await vox.run({ resource: 'agent', operation: 'create', name: 'x', systemPrompt: 'y' });
		expect(error?.httpCode).toBe('403');
		expect(error?.message).toBe('VoxStack: Insufficient permissions: this API key is read-only');
	});

	it('creates a task: normalised E.164 number, JSON context, ISO schedule, and the trigger token on a trigger URL', async () => {
		const webhookId = '0b7c0f1a-0000-4000-8000-0000000000aa';
		const { items, error } = await vox.run({
			resource: 'task',
			operation: 'create',
			agentId: rl(agent().id),
			name: 'Follow up',
			toNumber: '+1 (415) 555-0123',
			additionalFields: {
				context_data: '{"customer_name":"John Doe","order_id":"12345"}',
				priority: 2,
				scheduled_at: '2026-12-01T09:30:00Z',
				webhook_url: `http://127.0.0.1:5678/webhook/${webhookId}/voxstack`,
				webhook_events: ['call_completed'],
			},
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			to_number: '+14155550123',
			context_data: { customer_name: 'John Doe', order_id: '12345' },
			priority: 2,
			scheduled_at: '2026-12-01T09:30:00.000Z',
			webhook_url: `http://127.0.0.1:5678/webhook/${webhookId}/voxstack?token=${triggerToken(API_KEY, webhookId)}`,
			webhook_events: ['call_completed'],
			status: 'pending',
		});
	});

	it('adds no token to other URLs, and refuses a trigger URL on another host than this n8n', async () => {
		const webhookId = '0b7c0f1a-0000-4000-8000-0000000000bb';
		const base = { resource: 'task', operation: 'create', agentId: rl(agent().id), name: 'Follow up', toNumber: '+14155550123' };
		const plain = await vox.run({ ...base, additionalFields: { webhook_url: 'https://crm.example.com/voxstack-events' } });
		expect(plain.error).toBeUndefined();
		expect(plain.items[0].json.webhook_url).toBe('https://crm.example.com/voxstack-events');
		const before = vox.requests().length;
		const foreign = await vox.run({ ...base, additionalFields: { webhook_url: `https://attacker.example.net/webhook/${webhookId}/voxstack` } });
		expect(foreign.error?.message).toMatch(/^Webhook URL is a VoxStack Trigger URL on another host than this n8n \(http:\/\/127\.0\.0\.1:5678\); its access token is added only to this n8n's own trigger URLs/);
		expect(vox.requests().length).toBe(before);
		// The same path on this n8n's own host gets the token.
		const own = await vox.run({ ...base, additionalFields: { webhook_url: `https://n8n.example.com/webhook/${webhookId}/voxstack` } }, { instanceBaseUrl: 'https://n8n.example.com/' });
		expect(own.items[0].json.webhook_url).toBe(`https://n8n.example.com/webhook/${webhookId}/voxstack?token=${triggerToken(API_KEY, webhookId)}`);
	});

	it.each([
		['a bad number', { toNumber: '555-0123' }, 'To Number must be an international number in E.164 form such as +14155550123 (got "555-0123")'],
		['a non-HTTPS webhook URL', { additionalFields: { webhook_url: 'http://hooks.example.com/x' } }, 'Webhook URL must be an https:// address (the provider only delivers to HTTPS)'],
		['context that is not an object', { additionalFields: { context_data: '[1]' } }, 'Context Data must be a JSON object'],
		['a date that is not a date', { additionalFields: { scheduled_at: 'tomorrow-ish' } }, 'Scheduled At is not a date (got "tomorrow-ish")'],
	])('refuses a task with %s before sending', async (_name, extra, message) => {
		const { error } = await vox.run({ resource: 'task', operation: 'create', agentId: rl(agent().id), name: 'x', toNumber: '+14155550123', ...extra });
		expect(error?.message).toBe(message);
		expect(vox.requests()).toHaveLength(0);
	});

	it('runs a task: execute, then update is refused (not pending), reset, update, delete', async () => {
		const task = (await vox.run({ resource: 'task', operation: 'create', agentId: rl(agent().id), name: 'x', toNumber: '+14155550123' })).items[0].json;
		const executed = await vox.run({ resource: 'task', operation: 'execute', taskId: rl(String(task.id)) });
		expect(executed.items[0].json).toMatchObject({ call_id: expect.any(String), message: 'Call initiated' });
		await vox.sim.idle();
		const refused = await vox.run({ resource: 'task', operation: 'update', taskId: rl(String(task.id)), updateFields: { name: 'y' } });
		expect(refused.error?.message).toBe('VoxStack: Only pending tasks can be updated (task is completed)');
		const reset = await vox.run({ resource: 'task', operation: 'reset', taskId: rl(String(task.id)) });
		expect(reset.items[0].json.status).toBe('pending');
		const updated = await vox.run({ resource: 'task', operation: 'update', taskId: rl(String(task.id)), updateFields: { to_number: '+442071234567' } });
		expect(updated.items[0].json.to_number).toBe('+442071234567');
		const got = await vox.run({ resource: 'task', operation: 'get', taskId: rl(String(task.id)) });
		expect((got.items[0].json.agent as { id: string }).id).toBe(agent().id);
		const deleted = await vox.run({ resource: 'task', operation: 'delete', taskId: rl(String(task.id)) });
		expect(deleted.items[0].json).toEqual({ id: task.id, deleted: true });
	});

	it('lists tasks filtered by agent and status', async () => {
		for (const name of ['a', 'b']) await vox.run({ resource: 'task', operation: 'create', agentId: rl(agent().id), name, toNumber: '+14155550123' });
		const { items } = await vox.run({ resource: 'task', operation: 'getAll', returnAll: true, filters: { agentId: rl(agent().id), status: 'pending' } });
		expect(items.map((i) => i.json.name)).toEqual(['a', 'b']);
		expect(vox.requests().at(-1)?.query).toMatchObject({ agent_id: agent().id, status: 'pending' });
	});
	it('sends any key that starts with va_ (the document states no length) and passes VoxStack\'s 401 on', async () => {
		vox.credentials.voxStackApi.apiKey = 'va_short';
		const { error } = await vox.run({ resource: 'agent', operation: 'getAll', returnAll: false, limit: 1 });
		expect(vox.requests()[0].headers.authorization).toBe('Bearer va_short');
		expect(error?.message).toBe('VoxStack: Invalid or missing API key');
	});
});
