// raia: checks before sending, key types, paging, waiting for async answers, and the trigger.
import { randomUUID } from 'node:crypto';

import { secretVerifier } from '../../../nodes/shared/webhookAuth';
import { RaiaTrigger } from '../../../nodes/Raia/RaiaTrigger.node';
import { AGENT_KEY, OTHER_ORG_AGENT_KEY, raiaSuite, rl } from './setup';

describe('raia › behaviour', () => {
	const raia = raiaSuite(1200);
	const agentKey = { authentication: 'raiaAgentApi' };

	it.each([
		['a user without phone, email or fkId', { resource: 'user', operation: 'create', firstName: 'A', lastName: 'B' }, 'Additional Fields must include a Phone Number, an Email or an External ID (fkId) to identify the user'],
		['an email start without a subject (from an expression)', { resource: 'conversation', operation: 'start', channel: 'email', firstName: 'A', lastName: 'B', email: 'a@b.co', emailSubject: '={{ "" }}', emailIntroduction: 'Hi' }, 'Email Subject is required'],
		['a title over 255 characters', { resource: 'conversation', operation: 'create', conversationUserId: 'u1', additionalFields: { title: 't'.repeat(256) } }, 'Title must be at most 255 characters long (got 256)'],
		['files that are not [{fileName, storagePath}]', { resource: 'message', operation: 'send', conversationId: rl('c1'), message: 'x', additionalFields: { files: '[{"name":"a"}]' } }, 'Files needs fileName and storagePath in every entry'],
		['an http webhook URL', { resource: 'agent', operation: 'createWebhook', title: 't', description: 'd', url: 'http://example.com/x', triggerCondition: 'manual' }, 'URL must be an https:// address (raia only calls public HTTPS URLs) (got "http://example.com/x")'],
		['a vote that is not a UUID pair', { resource: 'feedback', operation: 'createOrUpdate', conversationMessageId: 'm1', userId: 'u1', voteType: 'up', question: 'q' }, 'Conversation Message ID must be a UUID (got "m1")'],
	])('refuses %s before sending', async (_name, parameters, message) => {
		const { error } = await raia.run({ ...agentKey, ...parameters });
		expect(error?.message).toBe(message);
		expect(raia.requests()).toHaveLength(0);
	});

	it('sends a phone number and an email as typed (the OpenAPI states no format) and passes the API verdict through', async () => {
		const { error } = await raia.run({ ...agentKey, resource: 'user', operation: 'create', firstName: 'A', lastName: 'B', additionalFields: { phoneNumber: '555-1234' } });
		expect(raia.requests()[0]).toMatchObject({ method: 'POST', path: '/external/users', body: { phoneNumber: '555-1234' } });
		expect(`${error?.message} ${error?.description}`).toContain('phoneNumber must be in E.164 format');
		const skipped = await raia.run({ ...agentKey, resource: 'user', operation: 'create', firstName: 'A', lastName: 'B', additionalFields: { phoneNumber: '555-1234', skipPhoneNumberValidation: true } });
		expect(skipped.error).toBeUndefined();
	});

	it('sends only the fields of the chosen channel when starting a voice conversation', async () => {
		const { error } = await raia.run({ ...agentKey, resource: 'conversation', operation: 'start', channel: 'voice', firstName: 'Vera', lastName: 'Voss', phoneNumber: '+14155550100', firstMessage: 'Hello Vera!' });
		expect(error).toBeUndefined();
		expect(raia.requests()[0].body).toEqual({ channel: 'voice', firstName: 'Vera', lastName: 'Voss', phoneNumber: '+14155550100', firstMessage: 'Hello Vera!' });
	});

	it('turns raia errors into messages with their details, and keeps organizations apart', async () => {
		raia.credentials.raiaAgentApi.secretKey = OTHER_ORG_AGENT_KEY;
		const { error } = await raia.run({ ...agentKey, resource: 'user', operation: 'get', userId: rl(raia.agent().users[0]?.id ?? 'missing-user') });
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe('raia: ENTITY_NOT_FOUND (ENTITY_NOT_FOUND_ERROR)');
		expect(error?.description).toContain('entity: ConversationUser');
		raia.credentials.raiaAgentApi.secretKey = 'wrong';
		const denied = await raia.run({ ...agentKey, resource: 'agent', operation: 'get' });
		expect(denied.error?.message).toBe('raia: INVALID_CREDENTIALS (FORBIDDEN_ERROR)');
	});

	it('Return All over 250 users pages with pageSize 100 and stops on hasNextPage', async () => {
		await raia.control('seed', { users: 250 });
		const { items } = await raia.run({ authentication: 'raiaOrganizationApi', resource: 'organizationAgent', operation: 'getUsers', agentId: raia.agent().id, returnAll: true });
		expect(items).toHaveLength(250);
		expect(raia.requests().map((r) => [r.query.page, r.query.pageSize])).toEqual([['1', '100'], ['2', '100'], ['3', '100']]);
	});

	it('waits for an async prompt: polls until completed and reports polls and wait time', async () => {
		const { items, error } = await raia.run({ ...agentKey, resource: 'prompt', operation: 'sendAsync', prompt: 'Draft a reply', waitForResponse: true, pollInterval: 0.5, maxWait: 10 });
		expect(error).toBeUndefined();
		const result = items[0].json;
		expect(result).toMatchObject({ status: 'completed', response: expect.stringContaining('Draft a reply'), request: { promptId: expect.any(String) } });
		const polls = raia.requests().filter((r) => r.path.endsWith('/response-on'));
		expect(result.polls).toBe(polls.length);
		// Answered after 1.2 s with 0.5 s between checks: the third check finds it.
		expect(polls).toHaveLength(3);
		expect(result.waitedSeconds).toBeGreaterThanOrEqual(1.2);
	});

	it('returns the prompt ID at once without waiting, and names the request when the wait runs out', async () => {
		const quick = await raia.run({ ...agentKey, resource: 'prompt', operation: 'sendAsync', prompt: 'x', waitForResponse: false });
		expect(quick.items[0].json).toEqual({ promptId: expect.any(String) });
		const { error } = await raia.run({ ...agentKey, resource: 'prompt', operation: 'sendAsync', prompt: 'y', waitForResponse: true, pollInterval: 0.5, maxWait: 1 });
		expect(error?.message).toMatch(/^No answer from raia after [\d.]+ s \(\d checks\)$/);
		expect(error?.description).toMatch(/\/external\/prompts\/[0-9a-f-]{36}\/response-on/);
	});
});

describe('raia Trigger', () => {
	const raia = raiaSuite();
	const trigger = new RaiaTrigger();
	const methods = trigger.webhookMethods.default;
	const HOOK = 'https://n8n.example.com/webhook/abc/webhook';

	function hookContext(staticData: Record<string, unknown>, condition = 'each_message') {
		return {
			getNode: () => ({ name: 'raia Trigger', credentials: { raiaAgentApi: { id: 'r', name: 'r' } } }),
			getWorkflow: () => ({ id: 'wf1', name: 'Support inbox' }),
			getNodeParameter: () => condition,
			getNodeWebhookUrl: () => HOOK,
			getWorkflowStaticData: () => staticData,
			getCredentials: async () => ({ secretKey: AGENT_KEY, region: 'custom', baseUrl: raia.url }),
			helpers: {
				async httpRequestWithAuthentication(_t: string, o: { method: string; baseURL: string; url: string; body?: unknown }) {
					const res = await fetch(`${o.baseURL}${o.url}`, { method: o.method, headers: { 'agent-secret-key': AGENT_KEY, 'content-type': 'application/json' }, body: JSON.stringify(o.body) });
					return { statusCode: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
				},
			},
		} as never;
	}

	it('creates one webhook with a generated secret header and reuses it on re-activation', async () => {
		const staticData: Record<string, unknown> = {};
		const ctx = hookContext(staticData);
		expect(await methods.checkExists.call(ctx)).toBe(false);
		await methods.create.call(ctx);
		const hooks = raia.agent().webhooks;
		expect(hooks).toHaveLength(1);
		expect(hooks[0]).toMatchObject({ url: HOOK, triggerCondition: 'each_message', title: 'n8n: Support inbox' });
		// Only a one-way verifier of the secret raia sends is stored in the workflow.
		expect(staticData.secretVerifier).toBe(secretVerifier(hooks[0].headers['X-Webhook-Secret']));
		expect(JSON.stringify(staticData)).not.toContain(hooks[0].headers['X-Webhook-Secret']);
		await methods.delete.call(ctx);
		expect(await methods.checkExists.call(ctx)).toBe(true);
		expect(raia.agent().webhooks).toHaveLength(1);
	});

	it('a new condition needs a new webhook, and the old secret stops working', async () => {
		const staticData: Record<string, unknown> = {};
		await methods.create.call(hookContext(staticData));
		const first = staticData.secretVerifier;
		expect(await methods.checkExists.call(hookContext(staticData, 'end_dialog'))).toBe(false);
		await methods.create.call(hookContext(staticData, 'end_dialog'));
		expect(staticData.secretVerifier).not.toBe(first);
		expect(raia.agent().webhooks.map((h: { triggerCondition: string }) => h.triggerCondition)).toEqual(['each_message', 'end_dialog']);
	});

	function delivery(headers: Record<string, string>, staticData: Record<string, unknown>) {
		const response = { statusCode: 0, status(code: number) { this.statusCode = code; return this; }, json() { return this; }, end() { return this; } };
		const body = { conversationId: 'c1', message: { text: 'Hi' } };
		const ctx = {
			getWorkflowStaticData: () => staticData,
			getHeaderData: () => headers,
			getBodyData: () => body,
			getRequestObject: () => ({ rawBody: Buffer.from(JSON.stringify(body)) }),
			getNode: () => ({ name: 'raia Trigger' }),
			getWorkflow: () => ({ id: randomUUID() }),
			getNodeParameter: (name: string, fallback?: unknown) => (name === 'triggerCondition' ? 'each_message' : fallback),
			getResponseObject: () => response,
		};
		return { ctx: ctx as never, response };
	}

	it('emits deliveries with the secret and answers 401 to others', async () => {
		const stored = { secretVerifier: secretVerifier('z'.repeat(64)) };
		expect((await trigger.webhook.call(delivery({ 'x-webhook-secret': 'z'.repeat(64) }, stored).ctx)).workflowData).toEqual([
			[{ json: { triggerCondition: 'each_message', conversationId: 'c1', message: { text: 'Hi' }, eventId: expect.stringMatching(/^body_/) } }],
		]);
		for (const headers of [{}, { 'x-webhook-secret': 'nope' }] as Array<Record<string, string>>) {
			const { ctx, response } = delivery(headers, stored);
			expect(await trigger.webhook.call(ctx)).toEqual({ noWebhookResponse: true });
			expect(response.statusCode).toBe(401);
		}
	});
});
